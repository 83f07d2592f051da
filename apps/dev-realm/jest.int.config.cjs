// The built realm runs as a process; the tests speak to it with the gateway's libraries (openid-client, jose).
module.exports = require('../../jest.preset.cjs').jestConfig(__dirname, 'integration');
