import { cpus, totalmem, type as osType, release } from 'node:os';

/** The machine the figures belong to: timings mean nothing without it. */
export interface MachineDescription {
  cpuModel: string;
  logicalCpus: number;
  memoryGigabytes: number;
  os: string;
  node: string;
}

export function describeMachine(): MachineDescription {
  const processors = cpus();
  return {
    cpuModel: processors[0]?.model.trim() ?? 'unknown',
    logicalCpus: processors.length,
    memoryGigabytes: Math.round(totalmem() / 1024 ** 3),
    os: `${osType()} ${release()}`,
    node: process.version,
  };
}

export function machineLine(machine: MachineDescription): string {
  return `${machine.logicalCpus} × ${machine.cpuModel}, ${machine.memoryGigabytes} GB, ${machine.os}, Node ${machine.node}`;
}
