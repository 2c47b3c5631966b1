/** What the Sandbox counts, so tests can prove what really went over the wire. */
export interface SandboxStats {
  createTaskCalls: number;
  /** Tasks actually created (submissions the server accepted), even if the client never heard back. */
  tasksCreated: number;
  tasksByPrompt: Record<string, number>;
  recordInfoCalls: number;
  imageFetches: number;
  /** `POST /uploads` requests, PUTs of upload bytes, and fetches of uploaded files. */
  uploadCalls: number;
  uploadPuts: number;
  /** PUTs that carried the API key in any header: must stay 0 (the upload address needs no key). */
  uploadPutsWithKey: number;
  uploadFetches: number;
  /** TCP connections accepted: keep-alive reuse keeps this low. */
  connectionsOpened: number;
  requestsInFlight: number;
  maxRequestsInFlight: number;
}

/** Counters start at zero for each Sandbox and after every reset, so tests measure only their own traffic. */
export function emptyStats(): SandboxStats {
  return {
    createTaskCalls: 0,
    tasksCreated: 0,
    tasksByPrompt: {},
    recordInfoCalls: 0,
    imageFetches: 0,
    uploadCalls: 0,
    uploadPuts: 0,
    uploadPutsWithKey: 0,
    uploadFetches: 0,
    connectionsOpened: 0,
    requestsInFlight: 0,
    maxRequestsInFlight: 0,
  };
}
