import i18next from 'i18next';
import { auditActionCodes } from '../../shared/department/audit-actions.js';
import { commands } from '../../server/cli/tasks/index.js';
import { auditActionName } from '../../renderer/console/audit-action-name.js';
import { auditActionsEn } from '../../renderer/console/i18n/audit-actions-en.js';
import { auditActionsKk } from '../../renderer/console/i18n/audit-actions-kk.js';
import { auditActionsRu } from '../../renderer/console/i18n/audit-actions-ru.js';
import { en } from '../../renderer/src/i18n/en.js';
import { kk } from '../../renderer/src/i18n/kk.js';
import { ru } from '../../renderer/src/i18n/ru.js';

/** The console's audit tab names every action the server can write, in each UI language. */
describe('the audit action names', () => {
  const cliNames = commands.map((c) => c.name);
  const codes = auditActionCodes(cliNames);
  const languages = { ru: auditActionsRu, kk: auditActionsKk, en: auditActionsEn };

  it('name every action code the server can write (fixed, staff command, department command, admin CLI) in ru, kk and en', async () => {
    const i18n = i18next.createInstance();
    await i18n.init({ resources: { ru: { translation: ru }, kk: { translation: kk }, en: { translation: en } } });
    expect(codes).toContain('department.applicant.unblock');
    expect(codes).toContain('admin.applicant:unblock');
    expect(codes).toContain('scheduleEntry.submit');
    for (const language of Object.keys(languages)) {
      const unnamed = codes.filter((code) => {
        const name = auditActionName(code, language, i18n.t);
        return !name || name === code || name.startsWith('commandKind.');
      });
      expect(unnamed, language).toEqual([]);
    }
    expect(auditActionName('department.applicant.unblock', 'kk', i18n.t)).toBe(
      'Ата-ананың есептік жазбасын бұғаттан шығару',
    );
    expect(auditActionName('admin.applicant:unblock', 'en', i18n.t)).toBe(
      'Server command line: parent account unblocked',
    );
    expect(auditActionName('scheduleEntry.submit', 'ru', i18n.t)).toBe('Отправка графика на утверждение');
    expect(auditActionName('no.such.action', 'ru', i18n.t)).toBeNull();
  });

  it('name no CLI command that does not exist, and keep Latin out of ru and kk, Cyrillic out of en', () => {
    for (const catalogue of Object.values(languages))
      expect(Object.keys(catalogue.admin).sort()).toEqual([...cliNames].sort());
    const texts = (c: typeof auditActionsRu) => [
      ...Object.values(c.named),
      ...Object.values(c.department),
      c.cli,
      ...Object.values(c.admin),
    ];
    for (const catalogue of [auditActionsRu, auditActionsKk])
      expect(texts(catalogue).filter((text) => /[A-Za-z]/.test(text))).toEqual([]);
    expect(texts(auditActionsEn).filter((text) => /\p{Script=Cyrillic}/u.test(text))).toEqual([]);
  });
});
