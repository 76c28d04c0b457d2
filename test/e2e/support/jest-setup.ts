// End-to-end tests start real servers and a database; give them room on a slow machine.
jest.setTimeout(30_000);
