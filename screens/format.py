"""Numbers as Dutch readers expect them: 50.000, not 50,000."""


def dutch_count(number: int, singular: str, plural: str) -> str:
    return f"{number:,}".replace(",", ".") + " " + (singular if number == 1 else plural)
