import { sessionCookie } from './authenticator';

describe('session cookie name', () => {
  it('is host-locked (__Host-) behind https and plain for local http', () => {
    expect(sessionCookie({ PUBLIC_URL: 'https://qinglian.example.gov.cn' })).toBe('__Host-qinglian_session');
    expect(sessionCookie({ PUBLIC_URL: 'http://127.0.0.1:3000' })).toBe('qinglian_session');
  });
});
