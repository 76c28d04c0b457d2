import { matchPatternOf, originOf } from '../shared/control-origins';
import type { PopupState, RuntimeRequest } from '../shared/runtime-messages';
import { statusRows } from './popup-view';

const element = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

function render(state: PopupState): void {
  const list = element<HTMLDListElement>('status');
  list.replaceChildren(
    ...statusRows(state, Date.now()).flatMap((row) => {
      const term = document.createElement('dt');
      term.textContent = row.label;
      const value = document.createElement('dd');
      value.textContent = row.value;
      value.className = row.tone;
      return [term, value];
    }),
  );
  element<HTMLButtonElement>('unpair').disabled = !state.paired;
  const input = element<HTMLInputElement>('control-url');
  if (document.activeElement !== input) input.value = state.controlUrl;
  element<HTMLParagraphElement>('version').textContent = `Version ${state.version}`;
}

async function ask(request: RuntimeRequest): Promise<void> {
  render(await chrome.runtime.sendMessage<PopupState>(request));
}

element<HTMLButtonElement>('sync-now').addEventListener('click', () => void ask({ type: 'sync-now' }));
element<HTMLButtonElement>('unpair').addEventListener('click', () => void ask({ type: 'unpair' }));
element<HTMLButtonElement>('open-qwen').addEventListener('click', () => void chrome.tabs.create({ url: 'https://chat.qwen.ai/' }));
element<HTMLFormElement>('control-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const origin = originOf(element<HTMLInputElement>('control-url').value.trim());
  if (!origin) return;
  // permissions.request needs the click's user gesture, so it runs here and not in the worker.
  void chrome.permissions
    .request({ origins: [matchPatternOf(origin)] })
    .then((granted) => (granted ? ask({ type: 'allow-control-origin', controlUrl: origin }) : undefined));
});

void ask({ type: 'popup-state' });
