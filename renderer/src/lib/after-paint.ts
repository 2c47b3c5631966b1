/**
 * Runs `then` once the window has painted its next frame: a frame callback runs before that frame's
 * paint, and the task it queues after it. For work the frame being made does not need (the rows
 * below the screen, the form's check). Returns a cancel.
 */
export function afterPaint(then: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(then, 0);
  });
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}
