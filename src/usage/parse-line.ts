import { AnthropicStream, batchResult, claudeCodeLine, isClaudeCode, isMessage, message } from "./formats/anthropic.ts";
import { converse, invocationLog, isConverse, isInvocationLog } from "./formats/bedrock.ts";
import { geminiBatchLine, generateContent, isGemini } from "./formats/gemini.ts";
import { chatCompletion, isChat, isResponse, openaiBatchLine, openrouterGeneration, response, responseEvent } from "./formats/openai.ts";
import { isTraces, traces, type OtelNotes } from "./formats/otel.ts";
import { isPlainObject, PlainCsv, plainObject } from "./formats/plain.ts";
import { isObject, timeOf, type UsageRecord } from "./record.ts";

// One file's lines → records. The format is recognised per record (usage-formats.md §10), so
// one file may mix them; what a format needs across lines (an Anthropic stream's message so
// far, Claude Code's request times, a CSV header) is kept here, per file.

export type LineResult =
  | { kind: "records"; records: UsageRecord[]; malformed?: { count: number; reason: string } }
  | { kind: "none" }
  | { kind: "malformed"; reason: string };

const NONE: LineResult = { kind: "none" };

/**
 * Text every usage-bearing line contains. A line without any of them (a Claude Code prompt, a
 * file-history snapshot, an app's own log line) is not parsed at all: most of a session file.
 * (message_stop ends an Anthropic stream, and carries no usage.)
 */
const USAGE_MARK = /usage|Usage|resourceSpans|TokenCount|tokens_prompt|"input"|"output"|message_stop/;

export class LogParser {
  private readonly stream = new AnthropicStream();
  private csv: PlainCsv | null = null;
  private sawContent = false;
  /** Claude Code: when each line was written, by uuid, and each message's first line. */
  private readonly written = new Recent<{ time: number; parent: string | null; message: string | null }>();
  private readonly firstLine = new Recent<number>();

  constructor(
    private readonly file: string,
    private readonly notes: OtelNotes,
  ) {}

  line(text: string, lineNo: number): LineResult {
    const t = text.trim();
    if (t === "") return NONE;
    const firstContent = !this.sawContent;
    this.sawContent = true;
    if (this.csv) return this.csvRow(t, lineNo);
    if (t[0] !== "{" && t[0] !== "[") {
      if (firstContent) {
        this.csv = PlainCsv.header(t);
        if (this.csv) return NONE;
      }
      return { kind: "malformed", reason: "not JSON" };
    }
    if (!USAGE_MARK.test(t)) {
      // Claude Code's prompt lines time the responses that follow them; a cheap look, no parse.
      if (t.includes('"sessionId"')) this.noteWritten(t);
      return t.endsWith("}") || t.endsWith("]") ? NONE : { kind: "malformed", reason: "truncated" };
    }
    let value: unknown;
    try {
      value = JSON.parse(t);
    } catch {
      return { kind: "malformed", reason: "not JSON" };
    }
    return this.value(value, lineNo);
  }

  /** A parsed JSON value (a line, an array element, or a whole document). */
  value(value: unknown, lineNo: number): LineResult {
    if (Array.isArray(value)) {
      // An array of responses: each element on its own; one that is no record spoils no other.
      const records: UsageRecord[] = [];
      let bad: { count: number; reason: string } | undefined;
      for (const v of value) {
        const r = this.value(v, lineNo);
        if (r.kind === "records") records.push(...r.records);
        if (r.kind === "malformed") bad = { count: (bad?.count ?? 0) + 1, reason: bad?.reason ?? r.reason };
        else if (r.kind === "records" && r.malformed) bad = { count: (bad?.count ?? 0) + r.malformed.count, reason: bad?.reason ?? r.malformed.reason };
      }
      if (records.length === 0) return bad ? { kind: "malformed", reason: bad.reason } : NONE;
      return bad ? { kind: "records", records, malformed: bad } : { kind: "records", records };
    }
    if (!isObject(value)) return { kind: "malformed", reason: "not a JSON object" };
    const records = this.recognise(value, lineNo);
    if (records === null) return { kind: "malformed", reason: "no known usage format" };
    if (typeof records === "string") return { kind: "malformed", reason: records };
    if (records.some((r) => r.invalid)) return { kind: "malformed", reason: "a token count that is not a whole number" };
    return records.length ? { kind: "records", records } : NONE;
  }

  /** The records of a JSON object; null when no format knows it; a string says why it is malformed. */
  private recognise(o: Record<string, unknown>, line: number): UsageRecord[] | null | string {
    const file = this.file;
    if (isTraces(o)) return traces(o, file, line, this.notes);
    if (isInvocationLog(o)) return invocationLog(o, file, line);
    if (isGemini(o)) {
      const records = generateContent(o, file, line);
      // A chunk of a stream without ids: only its last chunk counts; the others are said, not errors.
      if (records === null) this.notes.skippedChunks++;
      return records ?? [];
    }
    if (typeof o.type === "string") {
      const streamed = this.stream.event(o, file, line);
      if (streamed === "orphan") return "a message_delta without its message_start";
      if (streamed !== null) return streamed;
      if (isClaudeCode(o)) return this.claudeCode(o, line);
      if (o.type.startsWith("response.")) return responseEvent(o, file, line);
    }
    if (isChat(o)) return nonNull(chatCompletion(o, file, line));
    if (isResponse(o)) return nonNull(response(o, file, line));
    if (isMessage(o)) return message(o, file, line);
    if ("custom_id" in o) return openaiBatchLine(o, file, line) ?? batchResult(o, file, line);
    if ("key" in o && isObject(o.response)) return geminiBatchLine(o, file, line);
    if (isObject(o.data)) return openrouterGeneration(o, file, line);
    if (isConverse(o)) return converse(o, file, line);
    if (isPlainObject(o)) return plainObject(o, file, line);
    // A chat chunk without usage, a Responses object still in progress: nothing to count.
    if (o.object === "chat.completion.chunk" || o.usage === null) return [];
    return null;
  }

  private csvRow(t: string, lineNo: number): LineResult {
    const records = this.csv!.row(t, this.file, lineNo);
    return records ? { kind: "records", records } : { kind: "malformed", reason: "not a row of the header's columns" };
  }

  private claudeCode(o: Record<string, unknown>, line: number): UsageRecord[] {
    const records = claudeCodeLine(o, this.file, line);
    const uuid = typeof o.uuid === "string" ? o.uuid : null;
    const parent = typeof o.parentUuid === "string" ? o.parentUuid : null;
    const time = timeOf(o.timestamp, "iso");
    const messageId = isObject(o.message) && typeof o.message.id === "string" ? o.message.id : null;
    if (uuid && time !== null) this.written.set(uuid, { time, parent, message: o.type === "assistant" ? messageId : null });
    if (records.length === 0 || time === null || messageId === null) return records;
    // The request went out when the line the response answers was written: walk up past the
    // earlier lines of the same message (one per content block).
    let up = parent;
    let requested: number | null = null;
    for (let hops = 0; up && hops < 1000; hops++) {
      const p = this.written.get(up);
      if (!p) break;
      if (p.message !== messageId) {
        requested = p.time;
        break;
      }
      up = p.parent;
    }
    let firstSeen = this.firstLine.get(messageId);
    if (firstSeen === undefined) this.firstLine.set(messageId, (firstSeen = time));
    if (requested !== null && firstSeen >= requested) {
      for (const r of records) {
        r.ttftMs = firstSeen - requested;
        r.durationMs = time - requested;
      }
    }
    return records;
  }

  private noteWritten(t: string): void {
    const uuid = /"uuid":"([^"]+)"/.exec(t)?.[1];
    const ts = /"timestamp":"([^"]+)"/.exec(t)?.[1];
    if (!uuid || !ts) return;
    const time = timeOf(ts, "iso");
    const parent = /"parentUuid":"([^"]+)"/.exec(t)?.[1] ?? null;
    if (time !== null) this.written.set(uuid, { time, parent, message: null });
  }
}

const nonNull = (r: UsageRecord | null): UsageRecord[] => (r ? [r] : []);

/**
 * The last lines' facts, in two generations of bounded size: a response's request is a few lines
 * above it, and a session file of a million lines must not hold a million uuids.
 */
class Recent<V> {
  private current = new Map<string, V>();
  private previous = new Map<string, V>();
  constructor(private readonly limit = 20_000) {}
  get(k: string): V | undefined {
    return this.current.get(k) ?? this.previous.get(k);
  }
  set(k: string, v: V): void {
    if (this.current.size >= this.limit) {
      this.previous = this.current;
      this.current = new Map();
    }
    this.current.set(k, v);
  }
}
