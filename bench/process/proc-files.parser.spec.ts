import { cpuMillisecondsBetween, parseProcStat, parseProcStatus } from './proc-files.parser';

// A real line of /proc/<pid>/stat from a node process, with a command name holding a space and a ')'.
const statLine =
  '4242 (node main) x) S 4200 4242 4200 34816 4242 4194304 21577 0 0 0 1234 567 0 0 20 0 11 0 ' +
  '8861234 1178251264 26123 18446744073709551615 1 1 0 0 0 0 0 16781312 134234626 0 0 0 17 1 0 0 0 0 0';

const statusText = `Name:\tnode
Umask:\t0022
State:\tS (sleeping)
Pid:\t4242
VmPeak:\t 1213132 kB
VmSize:\t 1150636 kB
VmHWM:\t  140032 kB
VmRSS:\t  104492 kB
RssAnon:\t   61860 kB
Threads:\t11
`;

describe('parseProcStat', () => {
  it('reads utime and stime counting fields after the command name', () => {
    expect(parseProcStat(statLine)).toEqual({ userTicks: 1234, systemTicks: 567 });
  });

  it('refuses text that is not a stat line', () => {
    expect(() => parseProcStat('hello')).toThrow();
  });
});

describe('cpuMillisecondsBetween', () => {
  it('converts the tick difference of user plus system time to milliseconds', () => {
    const before = { userTicks: 100, systemTicks: 50 };
    const after = { userTicks: 130, systemTicks: 60 };
    expect(cpuMillisecondsBetween(before, after, 100)).toBe(400);
    expect(cpuMillisecondsBetween(before, after, 1000)).toBe(40);
  });
});

describe('parseProcStatus', () => {
  it('reads VmRSS and VmHWM in bytes', () => {
    expect(parseProcStatus(statusText)).toEqual({ residentBytes: 104492 * 1024, peakResidentBytes: 140032 * 1024 });
  });

  it('says which field is missing', () => {
    expect(() => parseProcStatus('Name:\tnode\n')).toThrow(/VmRSS/);
  });
});
