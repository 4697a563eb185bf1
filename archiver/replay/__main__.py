from archiver.replay.server import main

raise SystemExit(main())
