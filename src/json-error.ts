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

type Frame = { keys: Set<string>; key: string; expectKey: boolean } | { index: number };

/**
 * The first key given twice in one object of valid JSON, with the path to it. JSON.parse keeps
 * the last silently, so `{"input": 5000, "input": 0}` would price as 0; a typo-proof schema
 * must see every key the user wrote.
 */
export function firstDuplicateKey(text: string): { path: (string | number)[]; key: string } | undefined {
  const frames: Frame[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const top = frames[frames.length - 1];
    if (c === 0x22) {
      const start = i;
      let escaped = false;
      for (i++; text.charCodeAt(i) !== 0x22; i++) {
        if (text.charCodeAt(i) === 0x5c) {
          escaped = true;
          i++;
        }
      }
      if (top && "keys" in top && top.expectKey) {
        // "\u0069nput" is the same key as "input" once parsed.
        const key = escaped ? (JSON.parse(text.slice(start, i + 1)) as string) : text.slice(start + 1, i);
        if (top.keys.has(key)) {
          const path = frames.slice(0, -1).map((f) => ("keys" in f ? f.key : f.index));
          return { path: [...path, key], key };
        }
        top.keys.add(key);
        top.key = key;
        top.expectKey = false;
      }
    } else if (c === 0x7b) frames.push({ keys: new Set(), key: "", expectKey: true });
    else if (c === 0x5b) frames.push({ index: 0 });
    else if (c === 0x7d || c === 0x5d) frames.pop();
    else if (c === 0x2c && top) {
      if ("keys" in top) top.expectKey = true;
      else top.index++;
    }
  }
  return undefined;
}
