from socialrx_desk.app import main

raise SystemExit(main())
