/** Sockets and servers this process holds open: compared before and after, they show a leak. */
export function openNetworkHandles(): number {
  return process.getActiveResourcesInfo().filter((name) => name === 'TCPSocketWrap' || name === 'TCPServerWrap').length;
}

/** Waits (briefly) for handles to settle back to `baseline`; closing sockets takes a turn or two. */
export async function settledNetworkHandles(baseline: number, timeoutMs = 3000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let count = openNetworkHandles();
  while (count > baseline && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    count = openNetworkHandles();
  }
  return count;
}
