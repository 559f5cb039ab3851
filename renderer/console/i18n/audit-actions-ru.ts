import type { DepartmentCommandKind } from '../../../shared/commands/department-commands.js';
import type { NamedAuditAction } from '../../../shared/department/audit-actions.js';

/**
 * The audit tab's names of the actions the server writes (shared/department/audit-actions.ts). A
 * staff command's kind is named by the desk's `commandKind` catalogue; `admin` is keyed by the CLI
 * command's name (server/cli/tasks), shown after `cli`. test/tooling/audit-action-names.test.ts
 * checks that every code the server can write has its name in each language.
 */
export interface AuditActionCatalogue {
  named: Record<NamedAuditAction, string>;
  department: Record<DepartmentCommandKind, string>;
  cli: string;
  admin: Record<string, string>;
}

export const auditActionsRu: AuditActionCatalogue = {
  named: {
    'auth.login': 'Вход сотрудника в приложение',
    'department.login': 'Вход в консоль отдела',
    'referral.claim': 'Выбор места родителем (направление)',
    'referral.contract.parent': 'Договор отмечен родителем',
    'referral.refuse.parent': 'Отказ родителя от направления',
    'referral.terminate.account_blocked': 'Направление прекращено: учётная запись родителя заблокирована',
    'publication.republish': 'Возвращённое место опубликовано снова',
    'publication.republish.refused': 'Возвращённое место не опубликовано: группа заполнена',
    'demo.seed': 'Демонстрационные данные города',
  },
  department: {
    'scheduleEntry.approve': 'Утверждение графика',
    'scheduleEntry.return': 'Возврат строки графика саду',
    'departmentAccount.create': 'Новая учётная запись отдела',
    'departmentAccount.disable': 'Отключение учётной записи отдела',
    'calendarDay.set': 'Изменение даты календаря',
    'calendarDay.delete': 'Удаление даты из календаря',
    'regionalSettings.change': 'Изменение региональных настроек',
    'staff.create': 'Новая учётная запись сотрудника',
    'staff.disable': 'Отключение учётной записи сотрудника',
    'staff.resetPassword': 'Новый пароль сотрудника',
    'deviceSession.revoke': 'Выход компьютера из учётной записи',
    'staff.unlockSignIn': 'Снятие блокировки входа сотрудника',
    'applicant.block': 'Блокировка учётной записи родителя',
    'applicant.unblock': 'Разблокировка учётной записи родителя',
    'applicant.signOut': 'Завершение сеансов родителя',
    'applicant.unlockSignIn': 'Снятие блокировки входа родителя',
  },
  cli: 'Командная строка сервера',
  admin: {
    'kindergarten:create': 'регистрация детского сада',
    'kindergarten:list': 'список детских садов',
    'staff:create': 'новая учётная запись сотрудника',
    'staff:reset-password': 'новый пароль сотрудника',
    'staff:set-position': 'должность сотрудника',
    'staff:disable': 'отключение учётной записи сотрудника',
    'staff:list': 'список сотрудников',
    'device:list': 'список компьютеров сотрудника',
    'device:revoke': 'выход компьютера из учётной записи',
    'signin:unlock': 'снятие блокировки входа',
    'applicant:sign-out': 'завершение сеансов родителя',
    'queue:import': 'загрузка очереди',
    'schedule:list': 'список строк графика',
    'schedule:approve': 'утверждение строки графика',
    'schedule:reject': 'возврат строки графика',
    'department:create': 'новая учётная запись отдела',
    'department:disable': 'отключение учётной записи отдела',
    'department:list': 'список учётных записей отдела',
    'department:unlock': 'снятие блокировки входа в консоль',
    'calendar:list': 'просмотр календаря',
    'calendar:set': 'изменение даты календаря',
    'calendar:delete': 'удаление даты из календаря',
    'calendar:check': 'проверка календаря',
    'calendar:workdays': 'расчёт рабочих дней',
    'settings:show': 'просмотр региональных настроек',
    'settings:set': 'изменение региональных настроек',
    'schedule:approve-all': 'утверждение всего графика',
    'demo:clock': 'демонстрационные часы',
    'applicant:block': 'блокировка учётной записи родителя',
    'applicant:unblock': 'разблокировка учётной записи родителя',
  },
};
