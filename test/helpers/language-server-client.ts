/**
 * A minimal Language Server Protocol client over stdio, doing what an editor does: start the
 * server, answer its requests for settings and workspace edits, send requests and
 * notifications, and read its answers (JSON-RPC messages framed by Content-Length headers).
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";

interface Message {
  jsonrpc: "2.0";
  id?: number | string;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { code: number; message: string };
}

export interface LanguageServerOptions {
  command: string;
  args: string[];
  cwd: string;
  /** The settings the server asks for with `workspace/configuration`, for any document. */
  settings: unknown;
  requestTimeout: number;
}

export class LanguageServerClient {
  readonly #process: ChildProcessWithoutNullStreams;
  readonly #options: LanguageServerOptions;
  readonly #pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void; timer: NodeJS.Timeout }>();
  #buffer = Buffer.alloc(0);
  #nextId = 0;
  #exited = false;
  /** Workspace edits the server asked the client to apply (`workspace/applyEdit`), in order. */
  readonly appliedEdits: unknown[] = [];
  /** Notifications from the server, such as `window/logMessage`; shown when a test fails. */
  readonly notifications: { method: string; params: unknown }[] = [];
  readonly stderr: string[] = [];

  constructor(options: LanguageServerOptions) {
    this.#options = options;
    this.#process = spawn(options.command, options.args, { cwd: options.cwd, stdio: ["pipe", "pipe", "pipe"] });
    this.#process.stdout.on("data", (chunk: Buffer) => this.#receive(chunk));
    this.#process.stderr.on("data", (chunk: Buffer) => this.stderr.push(chunk.toString("utf8")));
    this.#process.on("exit", () => {
      this.#exited = true;
      for (const [, pending] of this.#pending) {
        clearTimeout(pending.timer);
        pending.reject(new Error(`the language server exited\n${this.log()}`));
      }
      this.#pending.clear();
    });
  }

  /** What the server logged, for failure messages. */
  log(): string {
    const messages = this.notifications
      .filter((notification) => notification.method === "window/logMessage")
      .map((notification) => (notification.params as { message: string }).message);
    return [...messages, ...this.stderr].join("\n");
  }

  request<T>(method: string, params: unknown): Promise<T> {
    const id = ++this.#nextId;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new Error(`no answer to ${method} within ${this.#options.requestTimeout} ms\n${this.log()}`));
      }, this.#options.requestTimeout);
      this.#pending.set(id, { resolve: resolve as (value: unknown) => void, reject, timer });
      this.#send({ jsonrpc: "2.0", id, method, params });
    });
  }

  notify(method: string, params: unknown): void {
    this.#send({ jsonrpc: "2.0", method, params });
  }

  /** Shuts the server down politely, and kills it when it does not go. Never throws. */
  async stop(): Promise<void> {
    if (this.#exited) return;
    try {
      await Promise.race([this.request("shutdown", null), new Promise((resolve) => setTimeout(resolve, 5_000))]);
      this.notify("exit", null);
    } catch {
      // Killed below.
    }
    const exited = new Promise<void>((resolve) => {
      if (this.#exited) resolve();
      else this.#process.once("exit", () => resolve());
    });
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 3_000))]);
    if (!this.#exited) this.#process.kill("SIGKILL");
  }

  #send(message: Message): void {
    if (this.#exited) throw new Error(`the language server has exited; cannot send ${message.method ?? "an answer"}`);
    const body = Buffer.from(JSON.stringify(message), "utf8");
    this.#process.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, "ascii"), body]));
  }

  #receive(chunk: Buffer): void {
    this.#buffer = Buffer.concat([this.#buffer, chunk]);
    for (;;) {
      const headerEnd = this.#buffer.indexOf("\r\n\r\n");
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: *(\d+)/iu.exec(this.#buffer.subarray(0, headerEnd).toString("ascii"))?.[1]);
      if (!Number.isInteger(length)) throw new Error(`bad header from the language server: ${this.#buffer.subarray(0, headerEnd).toString()}`);
      if (this.#buffer.length < headerEnd + 4 + length) return;
      const message = JSON.parse(this.#buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString("utf8")) as Message;
      this.#buffer = this.#buffer.subarray(headerEnd + 4 + length);
      this.#handle(message);
    }
  }

  #handle(message: Message): void {
    if (message.method !== undefined && message.id !== undefined) {
      this.#send({ jsonrpc: "2.0", id: message.id, result: this.#answer(message.method, message.params) });
    } else if (message.method !== undefined) {
      this.notifications.push({ method: message.method, params: message.params });
    } else if (typeof message.id === "number") {
      const pending = this.#pending.get(message.id);
      if (!pending) return;
      this.#pending.delete(message.id);
      clearTimeout(pending.timer);
      if (message.error) pending.reject(new Error(`${message.error.message}\n${this.log()}`));
      else pending.resolve(message.result);
    }
  }

  /** The editor's side of the server's requests. */
  #answer(method: string, params: unknown): unknown {
    switch (method) {
      case "workspace/configuration":
        return (params as { items: unknown[] }).items.map(() => this.#options.settings);
      case "workspace/applyEdit":
        this.appliedEdits.push((params as { edit: unknown }).edit);
        return { applied: true };
      default:
        // client/registerCapability, window/workDoneProgress/create, ...: accepted.
        return null;
    }
  }
}
