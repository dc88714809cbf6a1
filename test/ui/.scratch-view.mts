import { launchWorkbench } from './support/workbench.ts';
const wb = await launchWorkbench();
try {
  const { page } = wb;
  page.on('console', (m) => console.log('[console]', m.type(), m.text().slice(0, 300)));
  await wb.openFile(process.argv[2] ?? 'profiles/cpu.pb.gz');
  const f = wb.webviewFrame();
  await f.locator('.header, .not-profile').first().waitFor({ timeout: 30000 }).catch((e) => console.log('wait failed', e.message));
  await page.waitForTimeout(2500);
  console.log(await wb.screenshot(process.argv[3] ?? 'scratch'));
} finally {
  await wb.close();
}
