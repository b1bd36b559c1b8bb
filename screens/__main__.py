from screens.launch import main

main()
