import { z } from 'zod';

// Every message a schema states is a catalogue key (lib/i18n). For input no form sends (an array where an
// object goes, a number for a string…) zod would say something of its own in English: say "invalid" instead,
// so that every issue, on the server and in the browser, carries one of our keys.
z.config({ customError: () => 'validation.invalid' });
