from newsctl.cli import main

main()
