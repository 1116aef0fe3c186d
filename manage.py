#!/usr/bin/env python
from twinhub.cli import main

if __name__ == "__main__":
    main()
