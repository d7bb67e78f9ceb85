/** "70 27 76 86" → "tel:70277686"; "+45 70 27 76 86" → "tel:+4570277686". */
export function telHref(phone: string): string {
  return 'tel:' + phone.replace(/[^\d+]/g, '');
}
