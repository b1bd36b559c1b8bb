"""The command line. desk/ never imports the screens: the launcher in screens/ hands over the app."""
