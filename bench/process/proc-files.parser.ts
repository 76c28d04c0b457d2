/**
 * Readers of Linux's /proc/<pid>/stat and /proc/<pid>/status (see proc(5)). Pure functions over
 * the file text, so they are tested on fixtures and the harness needs no native module.
 */

export interface CpuTimes {
  /** Time in user mode, in clock ticks (field 14, utime). */
  userTicks: number;
  /** Time in kernel mode, in clock ticks (field 15, stime). */
  systemTicks: number;
}

/**
 * CPU times from /proc/<pid>/stat. The second field, the command name, is in parentheses and
 * may itself contain spaces and parentheses, so fields are counted from the last `)`.
 */
export function parseProcStat(text: string): CpuTimes {
  const commandEnd = text.lastIndexOf(')');
  if (commandEnd < 0) throw new Error('not a /proc/<pid>/stat line: no command name');
  // After ") " come field 3 (state) onwards; utime is field 14, stime field 15.
  const fields = text.slice(commandEnd + 2).trim().split(/\s+/);
  const userTicks = Number(fields[14 - 3]);
  const systemTicks = Number(fields[15 - 3]);
  if (!Number.isFinite(userTicks) || !Number.isFinite(systemTicks)) {
    throw new Error('not a /proc/<pid>/stat line: utime/stime missing');
  }
  return { userTicks, systemTicks };
}

/** CPU milliseconds spent between two readings, at `ticksPerSecond` (getconf CLK_TCK, 100 on Linux). */
export function cpuMillisecondsBetween(before: CpuTimes, after: CpuTimes, ticksPerSecond: number): number {
  const ticks = after.userTicks + after.systemTicks - (before.userTicks + before.systemTicks);
  return (ticks * 1000) / ticksPerSecond;
}

export interface MemoryStatus {
  /** Resident set size now (VmRSS), bytes. */
  residentBytes: number;
  /** The highest resident set size since the process started (VmHWM), bytes. */
  peakResidentBytes: number;
}

/** VmRSS and VmHWM from /proc/<pid>/status, whose sizes are written in kB (1024 bytes). */
export function parseProcStatus(text: string): MemoryStatus {
  const kilobytes = (name: string): number => {
    const match = new RegExp(`^${name}:\\s*(\\d+)\\s*kB`, 'm').exec(text);
    if (!match) throw new Error(`/proc/<pid>/status has no ${name}`);
    return Number(match[1]) * 1024;
  };
  return { residentBytes: kilobytes('VmRSS'), peakResidentBytes: kilobytes('VmHWM') };
}
