<?php

require_once __DIR__ . '/mailpanel_address_book.php';

/**
 * mailpanel's Roundcube plugin (rendered into php-fpm's pool by `npm run mail:config`).
 *
 * - Forwards the person's address to Dovecot in the IMAP ID sent before the login (x-originating-ip):
 *   Dovecot trusts it from loopback only and checks the account's allowed IPs against it.
 * - At every login, applies the localization the panel set for the account's webmail (language, time
 *   zone, date and time format) from the view mail.webmail_settings, read as the mail servers' role.
 * - After a refused login, says how to get in: accounts with two-step verification, and those whose
 *   password must be changed, sign in to the panel first (Dovecot refuses their password in the webmail;
 *   the message is the same for every refusal, so it tells nobody which accounts those are).
 *
 * - Shows the company address book: the accounts of the person's domain the panel keeps in it
 *   (mail.address_book), read-only, also offered when completing addresses.
 *
 * The Webmail switch is not checked here: Dovecot refuses the login itself.
 */
class mailpanel extends rcube_plugin
{
    /** The panel's languages (en, it) as Roundcube names them. */
    private const LANGUAGES = ['en' => 'en_US', 'it' => 'it_IT'];
    /** The panel's date formats (lib/validations/mailbox-settings-constants.ts) in PHP's date() letters. */
    private const DATE_FORMATS = ['yyyy-MM-dd' => 'Y-m-d', 'dd/MM/yyyy' => 'd/m/Y', 'MM/dd/yyyy' => 'm/d/Y', 'dd.MM.yyyy' => 'd.m.Y'];
    private const TIME_FORMATS = ['HH:mm' => 'H:i', 'h:mm a' => 'g:i A'];

    private const ADDRESS_BOOK = 'mailpanel';

    /** @var PDO|null */
    private $db;

    public function init()
    {
        $this->add_hook('storage_connect', [$this, 'storage_connect']);
        $this->add_hook('login_after', [$this, 'login_after']);
        $this->add_hook('login_failed', [$this, 'login_failed']);
        $this->add_hook('addressbooks_list', [$this, 'addressbooks_list']);
        $this->add_hook('addressbook_get', [$this, 'addressbook_get']);
        $config = rcmail::get_instance()->config;
        $sources = (array) $config->get('autocomplete_addressbooks', ['sql']);
        if (!in_array(self::ADDRESS_BOOK, $sources, true)) {
            $sources[] = self::ADDRESS_BOOK;
            $config->set('autocomplete_addressbooks', $sources);
        }
    }

    public function addressbooks_list($args)
    {
        $args['sources'][self::ADDRESS_BOOK] = [
            'id' => self::ADDRESS_BOOK,
            'name' => $this->text('companyaddressbook'),
            'readonly' => true,
            'groups' => false,
        ];
        return $args;
    }

    public function addressbook_get($args)
    {
        if ($args['id'] === self::ADDRESS_BOOK) {
            $rcmail = rcmail::get_instance();
            $args['instance'] = new mailpanel_address_book($this->db(), $rcmail->get_user_name(), $this->text('companyaddressbook'));
        }
        return $args;
    }

    public function storage_connect($args)
    {
        $args['preauth_ident'] = ['name' => 'Roundcube (mailpanel)', 'x-originating-ip' => rcube_utils::remote_addr()];
        return $args;
    }

    public function login_after($args)
    {
        $rcmail = rcmail::get_instance();
        $settings = $this->webmail_settings($rcmail->get_user_name());
        if ($settings === null) {
            return $args;
        }
        $prefs = [];
        if (isset(self::LANGUAGES[$settings['language']])) {
            // Roundcube keeps the language in the session and in its users table (save_prefs writes both).
            $rcmail->load_language(self::LANGUAGES[$settings['language']]);
        }
        if (in_array($settings['time_zone'], DateTimeZone::listIdentifiers(), true) || $settings['time_zone'] === 'UTC') {
            $prefs['timezone'] = $settings['time_zone'];
        }
        if (isset(self::DATE_FORMATS[$settings['date_format']])) {
            $prefs['date_format'] = self::DATE_FORMATS[$settings['date_format']];
        }
        if (isset(self::TIME_FORMATS[$settings['time_format']])) {
            $prefs['time_format'] = self::TIME_FORMATS[$settings['time_format']];
        }
        // As Roundcube's own settings page derives them (program/actions/settings/prefs_save.php).
        if (isset($prefs['date_format'], $prefs['time_format'])) {
            $prefs['date_short'] = 'D ' . $prefs['time_format'];
            $prefs['date_long'] = $prefs['date_format'] . ' ' . $prefs['time_format'];
        }
        $rcmail->user->save_prefs($prefs);
        return $args;
    }

    public function login_failed($args)
    {
        rcmail::get_instance()->output->show_message($this->text('loginrefused'), 'warning');
        return $args;
    }

    /**
     * A text of the panel's catalogues (rendered into the configuration by `npm run mail:config`), in the
     * language Roundcube speaks now; English when the panel has not that language.
     */
    private function text($key)
    {
        $rcmail = rcmail::get_instance();
        $texts = (array) $rcmail->config->get('mailpanel_texts', []);
        $language = $_SESSION['language'] ?? 'en_US';
        return (string) ($texts[$language][$key] ?? $texts['en_US'][$key] ?? $key);
    }

    /** The account's row of mail.webmail_settings, or null (unknown account, or the database unreachable). */
    private function webmail_settings($address)
    {
        try {
            $statement = $this->db()->prepare(
                'SELECT language, time_zone, date_format, time_format FROM mail.webmail_settings WHERE address = lower(?)'
            );
            $statement->execute([(string) $address]);
            $row = $statement->fetch(PDO::FETCH_ASSOC);
            return $row === false ? null : $row;
        } catch (PDOException $e) {
            rcube::raise_error(['code' => 500, 'type' => 'php', 'message' => 'mailpanel: ' . $e->getMessage()], true, false);
            return null;
        }
    }

    private function db()
    {
        if ($this->db === null) {
            $config = rcmail::get_instance()->config;
            $this->db = new PDO(
                (string) $config->get('mailpanel_dsn'),
                (string) $config->get('mailpanel_db_user'),
                (string) $config->get('mailpanel_db_password'),
                [PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION, PDO::ATTR_TIMEOUT => 5]
            );
        }
        return $this->db;
    }
}
