// The whole wizard, filled in by mouse and by keyboard alone, in every language, on both
// catalogs and several plans; each case is read back from the server field by field.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertStored, file, fileCase, keyboard, mouse, openWidget, useServerAndBrowser } from './support.mjs';

const env = useServerAndBrowser();

const scenarios = [
  {
    title: 'English, AWS Business plan, technical EC2 case with phone callback, by mouse',
    driver: mouse, locale: 'en', catalog: 'aws', plan: 'business',
    caseType: 'technical', service: 'ec2', category: 'instance-issue',
    fields: { region: 'us-east-1', instance_id: 'i-0abcd1234ef567890' },
    severity: 'urgent',
    subject: 'Web servers unreachable after reboot',
    description: 'Since 09:10 UTC our instances fail status checks.\nWe tried a stop and start.',
    files: [file('console.log', 'text/plain', 'kernel: panic\n'), file('notes.txt', 'text/plain', 'tried reboot')],
    name: 'Ada Lovelace', email: 'ada@example.com', method: 'phone',
    phone: { country: 'US', number: '(415) 555-0134', extension: '42', e164: '+14155550134' },
    language: 'en', cc: 'ops@example.com, cto@example.com', ccList: ['ops@example.com', 'cto@example.com'],
  },
  {
    title: 'Japanese, AWS Developer plan, service limit increase with extra fields, by mouse',
    driver: mouse, locale: 'ja', catalog: 'aws', plan: 'developer',
    caseType: 'service-limit-increase', service: 'ec2-quotas', category: 'quota-increase',
    fields: { region: 'ap-northeast-1', limit: 'on-demand-standard', new_value: '256' },
    storedFields: { region: 'ap-northeast-1', limit: 'on-demand-standard', new_value: 256 },
    severity: 'normal',
    subject: '東京リージョンの vCPU 上限を引き上げたい',
    description: '来月のキャンペーンに向けて、オンデマンドインスタンスを増やします。\n必要な合計は 256 vCPU です。',
    name: '山田 太郎', email: 'taro@example.jp', method: 'web', language: 'ja',
  },
  {
    title: 'Korean, Akamai Priority plan, technical case with phone, by mouse',
    driver: mouse, locale: 'ko', catalog: 'akamai', plan: 'priority',
    caseType: 'technical', service: 'delivery', category: 'origin-errors',
    fields: { hostname: 'www.example.kr' },
    severity: '2',
    subject: '오리진에서 503 오류가 납니다',
    description: '오늘 오전부터 일부 사용자에게 503 오류가 표시됩니다.',
    files: [file('har.json', 'application/json', '{"log":{}}')],
    name: '김민수', email: 'minsu@example.kr', method: 'phone',
    phone: { country: 'KR', number: '010-1234-5678', e164: '+821012345678' },
    language: 'ko',
  },
  {
    title: 'Chinese, Akamai Premium plan, billing case keeps its default severity, by mouse',
    driver: mouse, locale: 'zh', catalog: 'akamai', plan: 'premium',
    caseType: 'billing', service: 'invoices', category: 'invoice',
    fields: { invoice_number: 'INV-2026-0042' },
    defaultSeverity: '3',
    subject: '发票金额与合同不符',
    description: '十一月的发票比合同金额高出 12%。',
    name: '王芳', email: 'fang@example.cn', method: 'email', language: 'zh',
    cc: 'finance@example.cn', ccList: ['finance@example.cn'],
  },
  {
    title: 'English, Akamai Standard plan, technical security case, by keyboard alone',
    driver: keyboard, locale: 'en', catalog: 'akamai', plan: 'standard',
    caseType: 'technical', service: 'security', category: 'false-positive',
    fields: { config_id: '1234' }, storedFields: { config_id: 1234 },
    severity: '1',
    subject: 'Checkout requests blocked by the firewall',
    description: 'Legitimate POST /checkout requests get a 403 since the last rule update.',
    files: [file('request.txt', 'text/plain', 'POST /checkout HTTP/1.1')],
    name: 'Grace Hopper', email: 'grace@example.com', method: 'web', language: 'en',
  },
  {
    title: 'Japanese, Akamai Premium plan, technical case with phone, by keyboard alone',
    driver: keyboard, locale: 'ja', catalog: 'akamai', plan: 'premium',
    caseType: 'technical', service: 'dns', category: 'resolution',
    fields: { zone: 'example.jp' },
    // Severity 1 on Premium must be reported by phone (the guide's footnote 1).
    severity: '2',
    subject: 'DNS の名前解決に失敗します',
    description: '一部の地域で example.jp が解決できません。',
    name: '佐藤 花子', email: 'hanako@example.jp', method: 'phone',
    phone: { country: 'JP', number: '０９０−１２３４−５６７８', extension: '7', e164: '+819012345678' },
    language: 'ja',
  },
  {
    title: 'Korean, AWS Enterprise plan, business-critical technical case, by keyboard alone',
    driver: keyboard, locale: 'ko', catalog: 'aws', plan: 'enterprise',
    caseType: 'technical', service: 'lambda', category: 'function-errors',
    fields: { function_name: 'checkout-handler' },
    severity: 'critical',
    subject: '결제 함수가 모두 실패합니다',
    description: '모든 호출이 시간 초과로 실패합니다. 요청 ID: 1f2e3d.',
    files: [file('trace.txt', 'text/plain', 'Task timed out after 3.00 seconds')],
    name: '이지은', email: 'jieun@example.kr', method: 'chat', language: 'ko',
  },
  {
    title: 'Chinese, AWS Basic plan, account case, by keyboard alone',
    driver: keyboard, locale: 'zh', catalog: 'aws', plan: 'basic',
    caseType: 'account-billing', service: 'account', category: 'support-plan',
    defaultSeverity: 'low',
    subject: '如何升级到商业支持计划',
    description: '我们需要电话支持，请说明升级步骤。',
    // Account and billing is answered in English or Japanese only.
    name: '李雷', email: 'lei@example.cn', method: 'web', language: 'en',
  },
];

describe('filing a whole case', () => {
  for (const s of scenarios) {
    test(s.title, async () => {
      const attrs = { catalog: `/case-widget/catalog/${s.catalog}.json`, plan: s.plan, locale: s.locale };
      const page = await openWidget(env.browser, env.server, attrs);
      const id = await fileCase(page, s.driver, s);
      assertStored(await env.server.getCase(id), s, { catalog: s.catalog, plan: s.plan, locale: s.locale });
      assert.deepEqual(page.problems, []);
      await page.context().close();
    });
  }
});
