import { startFakeQwen, type FakeQwen } from '../../../../test/fakes/qwen';
import { parseCookieString } from '../qwen-credentials';
import { formatDoctorReport, runUpstreamDoctor } from './upstream-doctor';

describe(runUpstreamDoctor.name, () => {
  let fake: FakeQwen;
  beforeEach(async () => {
    fake = await startFakeQwen({ chunkIntervalMs: 0 });
  });
  afterEach(() => fake.close());

  it('runs every step against a healthy account, and prints no secret', async () => {
    const account = fake.issueAccount();
    const credentials = { token: account.token, cookies: account.cookies, bxUa: '231!secret-fingerprint-value', bxUmidtoken: 'T2gA-secret-umid' };
    const report = await runUpstreamDoctor({ client: { baseUrl: fake.url }, credentials });
    expect(report.steps.map((step) => [step.name.split(' (')[0], step.ok])).toEqual([
      ['homepage and front-end version', true],
      ['token check', true],
      ['model list', true],
      ['new chat', true],
      ['one-word completion', true],
      ['stop', true],
      ['delete the chat', true],
    ]);
    expect(report.ok).toBe(true);
    expect(report.steps[0]!.summary).toContain(fake.webVersion);
    const completion = report.steps[4]!;
    expect(completion.exchanges[0]).toMatchObject({ method: 'POST', status: 200, headers: expect.objectContaining({ version: fake.webVersion }) });
    expect(completion.exchanges[0]!.answerStart).toContain('response.created');

    const printed = JSON.stringify(report) + formatDoctorReport(report);
    const secrets = [account.token, credentials.bxUa, credentials.bxUmidtoken, ...parseCookieString(account.cookies).map((cookie) => cookie.value).filter((value) => value.length >= 6)];
    for (const secret of secrets) expect(printed).not.toContain(secret);
    // The cookie names stay: they say what the jar holds.
    expect(printed).toContain('acw_tc=');
  });

  it('says which step fails and how the proxy classified it', async () => {
    const expired = fake.issueAccount({ expiresInSeconds: -60 });
    const report = await runUpstreamDoctor({ client: { baseUrl: fake.url }, credentials: { token: expired.token, cookies: expired.cookies } });
    expect(report.ok).toBe(false);
    expect(report.steps[1]).toMatchObject({ ok: false, classification: 'qwen_token_expired', exchanges: [expect.objectContaining({ status: 401 })] });
    expect(formatDoctorReport(report)).toMatch(/FAIL token check/);
    expect(JSON.stringify(report)).not.toContain(expired.token);
  });
});
