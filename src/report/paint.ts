// Colour is a parameter of rendering: the CLI decides whether to colour (TTY, NO_COLOR,
// FORCE_COLOR) and passes a Paint; renderers never look at the terminal themselves.

type Style = (text: string) => string;

export interface Paint {
  bold: Style;
  dim: Style;
  green: Style;
  yellow: Style;
  red: Style;
  cyan: Style;
}

const same: Style = (text) => text;

export const plain: Paint = { bold: same, dim: same, green: same, yellow: same, red: same, cyan: same };
