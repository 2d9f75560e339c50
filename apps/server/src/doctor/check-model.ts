import { z } from 'zod';
import { describeModel } from '../assistant.js';
import type { AppConfig } from '../config.js';
import { describeNetworkError, fail, fetchWithTimeout, ok, warn, type CheckResult } from './check-result.js';

const NAME = 'model';
const OPENAI_BASE_URL = 'https://api.openai.com/v1';

const ModelList = z.object({ data: z.array(z.object({ id: z.string() })) });

/**
 * The model endpoint: `GET <base>/models` with the key (every OpenAI-compatible server has it),
 * which shows it is reachable, that it takes the key, and whether it knows `CHATWIRE_MODEL`. The
 * key is sent only in the `Authorization` header and never printed.
 */
export async function checkModel(config: AppConfig): Promise<CheckResult> {
  const model = config.model;
  if (model.kind === 'offline') return ok(NAME, `${describeModel(model)}.`);
  const base = (model.baseURL ?? OPENAI_BASE_URL).replace(/\/+$/, '');
  const host = new URL(base).host;
  const where = model.baseURL === undefined ? 'OPENAI_API_KEY' : 'OPENAI_BASE_URL';
  let response: Response;
  try {
    response = await fetchWithTimeout(`${base}/models`, {
      headers: { Authorization: `Bearer ${model.apiKey}`, Accept: 'application/json' },
    });
  } catch (error) {
    return fail(
      NAME,
      `${describeNetworkError(error, host)}.`,
      model.baseURL === undefined
        ? 'check the network to api.openai.com.'
        : 'start the model server, or correct the host and port in OPENAI_BASE_URL.',
    );
  }
  const text = await response.text().catch(() => '');
  if (response.status === 401 || response.status === 403) {
    return fail(
      NAME,
      `${host} refused the key (HTTP ${response.status}).`,
      'check OPENAI_API_KEY (the key for this endpoint, not another service).',
    );
  }
  if (response.status === 404) {
    return fail(
      NAME,
      `${host} has no ${new URL(base).pathname.replace(/\/$/, '')}/models (HTTP 404): OPENAI_BASE_URL is probably missing its /v1.`,
      'set OPENAI_BASE_URL to the API base, such as http://127.0.0.1:11434/v1.',
    );
  }
  if (!response.ok)
    return fail(NAME, `${host} answered HTTP ${response.status}.`, `check ${where}, and the endpoint's own logs.`);
  let listed: string[];
  try {
    const parsed = ModelList.safeParse(JSON.parse(text));
    if (!parsed.success) throw new Error('not a model list');
    listed = parsed.data.data.map((entry) => entry.id);
  } catch {
    const type = response.headers.get('content-type')?.split(';')[0] ?? 'no content type';
    return fail(
      NAME,
      `${host} answered ${type}, not the OpenAI API.`,
      'OPENAI_BASE_URL must be the API base URL, usually ending in /v1.',
    );
  }
  const described = describeModel(model);
  if (listed.includes(model.model)) return ok(NAME, `${described}: the endpoint answers and has the model.`);
  const some = listed.slice(0, 5).join(', ') + (listed.length > 5 ? ', …' : '');
  return listed.length === 0
    ? warn(NAME, `${described}: the endpoint answers but lists no models.`, 'check that the model is loaded on the server.')
    : fail(
        NAME,
        `${described}: the endpoint does not have "${model.model}" (it has ${some}).`,
        'set CHATWIRE_MODEL to one of the models it lists.',
      );
}
