// Where JSON text goes wrong. Node 20's JSON.parse names a position for some errors and not for
// others ("Unexpected token 'N', … is not valid JSON"); this scanner finds the offset of the
// first character that cannot continue valid JSON, so every message can give a line and column.
// It keeps its own stack, so nesting depth costs memory, not call stack.

type State = "value" | "valueOrClose" | "key" | "keyOrClose" | "colon" | "commaOrClose";

const LITERAL = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;

/** Offset of the first error in `text` (its length if the text ends too early), or undefined if it is valid JSON. */
export function jsonErrorOffset(text: string): number | undefined {
  let i = 0;
  const stack: string[] = [];
  let state: State = "value";
  let done = false;
  const finish = () => {
    if (stack.length === 0) done = true;
    else state = "commaOrClose";
  };
  /** Past a string starting at i; the offset of a bad character, or -1 when it is fine. */
  const string = (): number => {
    for (i++; i < text.length; ) {
      const c = text.charCodeAt(i);
      if (c === 0x22) return (i++, -1);
      if (c < 0x20) return i;
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === "u" && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 6;
        else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else return i + 1;
      } else i++;
    }
    return i;
  };

  for (;;) {
    while (i < text.length && (text[i] === " " || text[i] === "\t" || text[i] === "\n" || text[i] === "\r")) i++;
    if (done) return i < text.length ? i : undefined;
    if (i >= text.length) return i;
    const c = text[i]!;
    const top = stack[stack.length - 1];
    // `finish` changes state from a closure, which control-flow narrowing does not see.
    switch (state as State) {
      case "value":
      case "valueOrClose": {
        if (c === "]" && state === "valueOrClose") {
          stack.pop();
          i++;
          finish();
        } else if (c === "{" || c === "[") {
          stack.push(c);
          i++;
          state = c === "{" ? "keyOrClose" : "valueOrClose";
        } else if (c === '"') {
          const bad = string();
          if (bad >= 0) return bad;
          finish();
        } else {
          LITERAL.lastIndex = i;
          const m = LITERAL.exec(text);
          if (!m) return i;
          i += m[0].length;
          finish();
        }
        break;
      }
      case "key":
      case "keyOrClose":
        if (c === "}" && state === "keyOrClose") {
          stack.pop();
          i++;
          finish();
        } else if (c === '"') {
          const bad = string();
          if (bad >= 0) return bad;
          state = "colon";
        } else return i;
        break;
      case "colon":
        if (c !== ":") return i;
        i++;
        state = "value";
        break;
      case "commaOrClose":
        if (c === ",") {
          i++;
          state = top === "{" ? "key" : "value";
        } else if (c === (top === "{" ? "}" : "]")) {
          stack.pop();
          i++;
          finish();
        } else return i;
        break;
    }
  }
}
