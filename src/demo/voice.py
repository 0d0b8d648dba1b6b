"""Short identity notes in a child's own words, and the names children like to be called.

Made from a few templates (hobbies, people who matter, faith, language, heritage), so the
demo shows what the "Identity, culture and what matters to them" field is for. Nothing
here describes harm: the notes are about who the child is.
"""

import random

from codes import person as codes

KNOWN_AS = {
    "Alexander": "Alex", "William": "Will", "Thomas": "Tom", "Jessica": "Jess", "Isabella": "Bella",
    "Samuel": "Sam", "Benjamin": "Ben", "Joshua": "Josh", "Daniel": "Danny", "Katherine": "Kate",
    "Rebecca": "Becky", "Elizabeth": "Lizzie", "Muhammad": "Mo", "Oluwaseun": "Seun", "Abdirahman": "Abdi",
    "Zuzanna": "Zuzia", "Aleksandra": "Ola", "Victoria": "Tori", "Jacob": "Jake", "Frederick": "Freddie",
    "Oliver": "Ollie", "Florence": "Flo", "Abdullahi": "Abdul", "Mateusz": "Matt", "Funmilayo": "Funmi",
    "Temitope": "Tope", "Oluwaseyi": "Seyi", "Christopher": "Chris", "Nicholas": "Nick", "Jonathan": "Jon",
}  # fmt: skip

HOBBIES = (
    "football", "drawing", "gaming with my friends", "dancing", "swimming", "building things in Minecraft",
    "riding my BMX", "singing", "cooking with my nan", "reading manga", "boxing at the gym", "playing the drums",
    "Lego", "taking my dog to the park", "netball", "making videos", "fishing with my grandad", "gymnastics",
    "art club", "cricket",
)  # fmt: skip
IMPORTANT_PEOPLE = (
    "mum", "nan", "grandad", "big sister", "little brother", "auntie", "best friend", "cousin", "dad", "uncle",
)  # fmt: skip
HOPES = (
    "a vet", "a footballer", "a nurse", "a mechanic", "a teacher", "a hairdresser", "a paramedic",
    "a game designer", "a chef", "an artist", "a police officer", "a builder like my uncle",
)  # fmt: skip
COURSES = (
    "motor vehicle",
    "hair and beauty",
    "construction",
    "health and social care",
    "IT",
    "catering",
    "childcare",
)
FAITH_PLACES = {
    "MUS": "the mosque",
    "CHR": "church",
    "SIK": "the gurdwara",
    "HIN": "the mandir",
    "JEW": "synagogue",
    "BUD": "the temple",
}


def known_as(rng: random.Random, given_name: str) -> str:
    """The name some children prefer to be called (about two in five who have one)."""
    short = KNOWN_AS.get(given_name)
    return short if short and rng.random() < 0.4 else ""


def identity_note(
    rng: random.Random,
    *,
    heritage_words: str,
    religion: str,
    home_language: str,
    preferred_name: str,
    young_adult: bool,
) -> str:
    """One to three short sentences in the child's (or young person's) voice."""
    sentences = [
        f"I like {rng.choice(HOBBIES)}. The most important person to me is my {rng.choice(IMPORTANT_PEOPLE)}."
    ]
    if preferred_name:
        sentences.append(f"Please call me {preferred_name}.")
    options: list[str] = []
    if heritage_words != "English":
        options.append(
            f"I'm proud of my {heritage_words} family and I like it when people say my name properly."
        )
    if religion in FAITH_PLACES:
        options.append(f"I go to {FAITH_PLACES[religion]} with my {rng.choice(IMPORTANT_PEOPLE)}.")
    if home_language and home_language not in ("ENG", "NOBT", "OTH"):
        options.append(f"I speak {codes.LANGUAGE.label(home_language)} at home and English at school.")
    if young_adult:
        options.append(f"I'm at college doing {rng.choice(COURSES)} and I want my own flat one day.")
    else:
        options.append(f"When I'm older I want to be {rng.choice(HOPES)}.")
    options.append("I don't like it when lots of people ask me questions at once.")
    sentences += rng.sample(options, k=min(len(options), rng.choice((1, 1, 2))))
    return " ".join(sentences)
