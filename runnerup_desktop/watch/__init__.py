"""The job-board watch: read a company's public job board and tell the runner-up first.

One module per provider (:mod:`.greenhouse`, :mod:`.lever`, :mod:`.ashby`, :mod:`.workable`,
:mod:`.smartrecruiters`, :mod:`.recruitee`), each written from that provider's own public
documentation of its unauthenticated JSON listing; :mod:`.http` fetches (HTTPS through the
system's certificate store, proxies honoured, conditional requests, redirects);
:mod:`.check` checks boards and saves what it found through
:class:`runnerup_desktop.store.watch_services.WatchServices`. No Qt here: the window runs
:func:`.check.run_watch` on a worker thread, the command line runs it directly.
"""
