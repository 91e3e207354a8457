<?php

/**
 * Roundcube's password plugin driver "mailpanel" (linked as plugins/password/drivers/mailpanel.php by
 * `npm run mail:config`): the change goes to the panel (POST /api/v1/webmail/password), which signs the
 * account in with its current password and applies its own rules: policy, reuse block, disabled changes,
 * throttle, allowed IPs, Webmail switch. Nothing is decided here; a refusal shows the panel's reason, in
 * the account's language.
 */
class rcube_mailpanel_password
{
    public function save($curpass, $newpass, $username)
    {
        $rcmail = rcmail::get_instance();
        $url = rtrim((string) $rcmail->config->get('mailpanel_panel_api_url'), '/') . '/api/v1/webmail/password';
        try {
            $response = password::get_http_client()->request('POST', $url, [
                'json' => ['address' => (string) $username, 'currentPassword' => (string) $curpass, 'newPassword' => (string) $newpass],
                'headers' => [
                    'Accept' => 'application/json, application/problem+json',
                    'Accept-Language' => substr((string) ($_SESSION['language'] ?? 'en_US'), 0, 2),
                    // The person's address: the panel takes it only from a peer in its TRUSTED_PROXIES.
                    'X-Forwarded-For' => rcube_utils::remote_addr(),
                ],
                'http_errors' => false,
                'timeout' => 30,
            ]);
        } catch (Exception $e) {
            rcube::raise_error(['code' => 600, 'type' => 'php', 'message' => 'mailpanel password: ' . $e->getMessage()], true, false);
            return PASSWORD_CONNECT_ERROR;
        }
        $status = $response->getStatusCode();
        if ($status >= 200 && $status < 300) {
            return PASSWORD_SUCCESS;
        }
        $problem = json_decode((string) $response->getBody(), true);
        if ($status >= 500 || !is_array($problem)) {
            rcube::raise_error(['code' => 600, 'type' => 'php', 'message' => "mailpanel password: the panel answered HTTP $status"], true, false);
            return PASSWORD_CONNECT_ERROR;
        }
        // The field's message when there is one (the new password's rule), else the problem's detail.
        $reason = (string) ($problem['errors'][0]['detail'] ?? $problem['detail'] ?? '');
        return ['code' => $status === 422 ? PASSWORD_CONSTRAINT_VIOLATION : PASSWORD_ERROR, 'message' => $reason];
    }
}
