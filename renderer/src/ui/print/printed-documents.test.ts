import type { Command } from '../../../../shared/commands/command.js';
import { contradictedPrints, type PrintedDocument } from './printed-documents.js';

const command = (id: string, status: Command['status']): Command => ({
  id,
  kind: 'referral.enroll',
  payload: {},
  deviceId: 'pc',
  deviceTime: '2026-06-03T05:00:00.000Z',
  status,
  rejection: status === 'rejected' ? { code: 'not_found', params: {} } : null,
  executedAt: null,
  rev: 1,
  updatedAt: '2026-06-03T05:00:00.000Z',
});
const printed = (
  title: string,
  printedAt: string,
  commandIds: string[],
  kind = 'enrollmentOrder',
): PrintedDocument => ({
  kind,
  title,
  printedAt,
  commandIds,
});

describe('printed documents a refusal contradicts', () => {
  const order15 = printed('Приказ № 15-к от 01.06.2026', '2026-06-03T05:10:00.000Z', ['c1', 'c2']);
  const list = printed('Список детей группы «Солнышко»', '2026-06-03T05:20:00.000Z', ['c2'], 'groupList');
  const clean = printed('Приказ № 14-к от 25.05.2026', '2026-06-03T05:30:00.000Z', []);

  it('names each printed document whose unconfirmed change the server refused, newest first', () => {
    const refused = command('c2', 'rejected');
    expect(contradictedPrints([order15, list, clean], [refused])).toEqual([
      { printed: list, refused: [refused] },
      { printed: order15, refused: [refused] },
    ]);
  });

  it('says nothing while the changes wait or after they are applied', () => {
    expect(contradictedPrints([order15, list, clean], [])).toEqual([]);
    expect(contradictedPrints([order15], [command('c9', 'rejected')])).toEqual([]);
  });

  it('lets a reprint of the same document put it right, and only that document', () => {
    const refused = command('c1', 'rejected');
    const reprint = printed(order15.title, '2026-06-03T06:00:00.000Z', []);
    const otherOrder = printed('Приказ № 16-к от 02.06.2026', '2026-06-03T06:00:00.000Z', []);
    expect(contradictedPrints([order15, reprint], [refused])).toEqual([]);
    expect(contradictedPrints([order15, otherOrder], [refused])).toEqual([{ printed: order15, refused: [refused] }]);
    // A print made before the one the refusal contradicts does not put it right.
    const earlier = printed(order15.title, '2026-06-03T05:00:00.000Z', []);
    expect(contradictedPrints([earlier, order15], [refused])).toEqual([{ printed: order15, refused: [refused] }]);
  });
});
