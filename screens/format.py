"""Numbers as Dutch readers expect them: 50.000, not 50,000."""


def dutch_number(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def dutch_count(number: int, singular: str, plural: str) -> str:
    return dutch_number(number) + " " + (singular if number == 1 else plural)
