/** How one gateway (or the bare mock) is called for a chat completion. */
export interface Target {
  /** Short stable name used in tables and JSON. */
  name: string;
  /** The target whose latency is this one's zero-overhead limit; absent for the direct targets. */
  baselineName?: string;
  /** The process serving it, watched for CPU and RSS; absent for the mocks themselves. */
  pid?: number;
  /** The origin, e.g. http://127.0.0.1:3000. */
  origin: string;
  /**
   * Extra upstream call a bare client must make first (Qwen's `chats/new`): part of the direct
   * baseline because the proxy has to make it too.
   */
  prelude?: { path: string; body: string; headers: Record<string, string> };
  path: string;
  headers: Record<string, string>;
  /** The request body for a streaming or non-streaming call. */
  body: (stream: boolean) => string;
}
