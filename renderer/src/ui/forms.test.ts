import { z } from 'zod';
import {
  enrollPayload,
  scheduleEntryCreatePayload,
  terminatePayload,
} from '../../../shared/commands/intake-payloads.js';
import { formResolver, typedNumber } from './forms.js';

/** The message key of each field's error, as the desk's form shows it (first error per field). */
async function messages(schema: z.ZodType<Record<string, unknown>>, values: Record<string, unknown>) {
  const { errors } = await formResolver(schema)(values, undefined, { fields: {}, shouldUseNativeValidation: false });
  return Object.fromEntries(
    Object.entries(errors).map(([field, error]) => [field, (error as { message?: string }).message]),
  );
}

describe('a desk form validated by its command payload’s own fields', () => {
  const enrollForm = z.object(enrollPayload.omit({ referralId: true }).shape);
  const enrollment = { enrollmentDate: '2026-09-01', orderNumber: '12-к', orderDate: '2026-08-20' };

  it('calls an empty field required and text over the payload’s limit too long', async () => {
    expect(await messages(enrollForm, { enrollmentDate: '', orderNumber: '   ', orderDate: '' })).toEqual({
      enrollmentDate: 'required',
      orderNumber: 'required',
      orderDate: 'required',
    });
    expect(await messages(enrollForm, { ...enrollment, orderNumber: 'x'.repeat(51) })).toEqual({
      orderNumber: 'tooLong',
    });
    expect(await messages(enrollForm, { ...enrollment, orderNumber: 'x'.repeat(50) })).toEqual({});
  });

  it('refuses what the server would refuse: a date outside 2000–2100, a note past 500 characters, 61 seats', async () => {
    expect(await messages(enrollForm, { ...enrollment, enrollmentDate: '1999-09-01' })).toEqual({
      enrollmentDate: 'must be within the years 2000 to 2100',
    });
    const noteForm = z.object({ note: terminatePayload.shape.note });
    expect(await messages(noteForm, { note: 'x'.repeat(500) })).toEqual({});
    expect(await messages(noteForm, { note: 'x'.repeat(501) })).toEqual({ note: 'tooLong' });
    const seatsForm = z.object({ seats: z.coerce.number<string>().pipe(scheduleEntryCreatePayload.shape.seats) });
    expect(await messages(seatsForm, { seats: '60' })).toEqual({});
    expect(Object.keys(await messages(seatsForm, { seats: '61' }))).toEqual(['seats']);
    expect(Object.keys(await messages(seatsForm, { seats: '' }))).toEqual(['seats']);
  });

  it('calls a typed number left empty required, and one outside the payload’s bounds a range read off the payload', async () => {
    const scheduleForm = z.object({
      birthYear: typedNumber(scheduleEntryCreatePayload.shape.birthYear),
      seats: typedNumber(scheduleEntryCreatePayload.shape.seats),
    });
    expect(await messages(scheduleForm, { birthYear: '', seats: '  ' })).toEqual({
      birthYear: 'required',
      seats: 'required',
    });
    expect(await messages(scheduleForm, { birthYear: '1999', seats: '0' })).toEqual({
      birthYear: 'range:2000:2100',
      seats: 'range:1:60',
    });
    expect(await messages(scheduleForm, { birthYear: '2025', seats: '61' })).toEqual({ seats: 'range:1:60' });
    expect(await messages(scheduleForm, { birthYear: '2025', seats: '2.5' })).toEqual({ seats: 'range:1:60' });
    expect(await messages(scheduleForm, { birthYear: '2025', seats: '3' })).toEqual({});
  });
});
