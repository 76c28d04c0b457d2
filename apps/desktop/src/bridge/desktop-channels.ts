/**
 * IPC channel names between the main process and the console's preload. `preload.ts` keeps its
 * own copy (a sandboxed preload can require nothing but `electron`); a spec keeps both equal.
 */
export const desktopChannels = {
  getAdminToken: 'qwen-proxy-desktop:get-admin-token',
  connectQwen: 'qwen-proxy-desktop:connect-qwen',
  revokeQwen: 'qwen-proxy-desktop:revoke-qwen',
  status: 'qwen-proxy-desktop:status',
} as const;
