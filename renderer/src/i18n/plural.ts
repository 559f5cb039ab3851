/**
 * The Russian catalogue (the key source) has four plural forms; Kazakh and English have two
 * (one, other), so their few/many keys take the "other" form.
 */
export const plural = <P extends string>(prefix: P, forms: { one: string; other: string }) =>
  ({
    [`${prefix}_one`]: forms.one,
    [`${prefix}_few`]: forms.other,
    [`${prefix}_many`]: forms.other,
    [`${prefix}_other`]: forms.other,
  }) as Record<`${P}_one` | `${P}_few` | `${P}_many` | `${P}_other`, string>;
