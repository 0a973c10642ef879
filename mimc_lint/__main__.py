from mimc_lint.cli import main

main()
