/** The Kinovi client's public face: what the task queue and handlers may use. */
export { createKinoviClient, MAX_CONNECTIONS, type KinoviClient, type KinoviClientOptions } from './client.ts';
export { KinoviError, type KinoviOperation, type Submission } from './errors.ts';
export { createTaskBodyText, toCreateTaskBody, type CreateTaskBody, type RemoteImage, type TaskRecord, type TaskStatus } from './wire.ts';
