// Renders every step of the wizard in a language to docs/screenshots/<lang>-<n>-<step>.png,
// against the real reference server. Usage: node scripts/screenshots.mjs ja en
import { byId, file, launchBrowser, mouse, openWidget, startServer, waitForStep } from '../tests/e2e/support.mjs';

const out = new URL('../docs/screenshots/', import.meta.url).pathname;
const text = {
  en: { subject: 'Instances fail status checks', description: 'Since 09:10 UTC the web tier fails status checks.\nA stop and start did not help.', name: 'Ada Lovelace' },
  ja: { subject: 'インスタンスがステータスチェックに失敗する', description: '09:10 (UTC) から Web 層のインスタンスがステータスチェックに失敗しています。\n停止と起動を試しましたが改善しません。', name: '山田 太郎' },
  ko: { subject: '인스턴스 상태 확인 실패', description: '09:10(UTC)부터 웹 계층 인스턴스가 상태 확인에 실패합니다.', name: '김민수' },
  zh: { subject: '实例状态检查失败', description: '自 09:10（UTC）起，Web 层实例状态检查失败。', name: '王芳' },
};

const server = await startServer();
const browser = await launchBrowser();
try {
  for (const lang of process.argv.slice(2)) {
    const t = text[lang];
    const page = await openWidget(browser, server, { catalog: '/case-widget/catalog/aws.json', plan: 'business', locale: lang });
    const shot = async (n, name) => {
      await page.waitForTimeout(150);
      await page.locator('case-widget').screenshot({ path: `${out}${lang}-${n}-${name}.png` });
    };
    await waitForStep(page, 'case-type');
    await shot(1, 'case-type');
    await mouse.radio(page, 'case_type', 'technical');
    await mouse.next(page);
    await mouse.select(page, 'service', 'ec2');
    await mouse.select(page, 'category', 'instance-issue');
    await mouse.select(page, 'field.region', 'ap-northeast-1');
    await mouse.fill(page, 'field.instance_id', 'i-0abcd1234ef567890');
    await shot(2, 'classification');
    await mouse.next(page);
    await mouse.radio(page, 'severity', 'high');
    await shot(3, 'severity');
    await mouse.next(page);
    await mouse.next(page);
    await shot(4, 'details-errors');
    await mouse.fill(page, 'subject', t.subject);
    await mouse.fill(page, 'description', t.description);
    await page.locator('case-widget .cw-suggestions li').first().waitFor();
    await shot('4b', 'suggestions');
    await mouse.next(page);
    await mouse.attach(page, [file('console-output.log', 'text/plain', 'kernel: Out of memory\n'.repeat(200))]);
    await shot(5, 'attachments');
    await mouse.next(page);
    await waitForStep(page, 'solve-now');
    await shot('5b', 'solve-now');
    await mouse.next(page);
    await waitForStep(page, 'contact');
    await mouse.fill(page, 'name', t.name);
    await mouse.fill(page, 'email', 'customer@example.com');
    await mouse.radio(page, 'contact_method', 'phone');
    await mouse.select(page, 'phone_country', 'JP');
    await mouse.fill(page, 'phone_number', '090-1234-5678');
    await mouse.select(page, 'contact_language', lang);
    await shot(6, 'contact');
    await mouse.next(page);
    await waitForStep(page, 'review');
    await shot(7, 'review');
    await mouse.next(page);
    await waitForStep(page, 'done');
    await shot(8, 'confirmation');
    if (!(await byId(page, 'cw-language').count())) throw new Error('no language switcher');
    await page.context().close();
  }
} finally {
  await browser.close();
  await server.stop();
}
