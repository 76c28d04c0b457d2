import { toPythonJson } from './python-json.serializer';
import type { StreamStep } from './stream-plan';

/** The bytes of one step on the wire: `data: <python-style json>` and a blank line, or a comment line. */
export function encodeStep(step: StreamStep): Buffer {
  switch (step.kind) {
    case 'frame': {
      const lineEnding = step.layout?.lineEnding ?? '\n';
      const trailing = ' '.repeat(step.layout?.trailingSpaces ?? 0);
      return Buffer.from(`data: ${toPythonJson(step.frame)}${trailing}${lineEnding}${lineEnding}`, 'utf8');
    }
    case 'novel-frame':
      return Buffer.from(`data: ${toPythonJson(step.payload)}\n\n`, 'utf8');
    case 'comment':
      return Buffer.from(`: ${step.text}\n\n`, 'utf8');
    case 'wait':
      return Buffer.alloc(0);
  }
}
