// The unit and sandbox suites run in parallel jest workers on a 2-core machine; a test that takes 1 s alone
// can take several under load. Waiting longer changes no assertion (and no timing is asserted anywhere).
jest.setTimeout(20_000);
