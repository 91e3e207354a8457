// Set by the custom server from the TCP peer (and trusted proxies only); any client-sent value is dropped.
export const CLIENT_IP_HEADER = 'x-mailpanel-client-ip';
