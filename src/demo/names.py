"""Who lives in the demo borough: family origins, and names that fit them.

The mix is roughly that of a northern English metropolitan borough: about four in five
families White British, the rest spread across the DfE ethnicity codes in
`codes.person`. British names come from Faker's en_GB provider (plus a list of names
popular for babies born in England since about 2005, for the children). The other name
lists below were written for Harbour: common given and family names of each heritage,
so that a Somali family is not called Smith. All of it is synthetic; any match with a
real person is coincidence.
"""

import random
from dataclasses import dataclass

from faker import Faker

Weighted = tuple[tuple[str, float], ...]


def pick(rng: random.Random, weighted: Weighted) -> str:
    """One value from ((value, weight), ...)."""
    values = [v for v, _ in weighted]
    weights = [w for _, w in weighted]
    return rng.choices(values, weights=weights)[0]


@dataclass(frozen=True)
class NameBank:
    male: tuple[str, ...]
    female: tuple[str, ...]
    family: tuple[str, ...]
    # Family names some women of this heritage use instead of their husband's (Begum, Bibi).
    female_family: tuple[str, ...] = ()


# fmt: off
BANKS: dict[str, NameBank] = {
    "irish": NameBank(
        male=("Conor", "Sean", "Liam", "Cian", "Patrick", "Ciaran", "Declan", "Padraig", "Eoin", "Michael"),
        female=("Niamh", "Aoife", "Ciara", "Siobhan", "Roisin", "Orla", "Saoirse", "Caoimhe", "Sinead", "Bridget"),
        family=(
            "Murphy", "Kelly", "O'Brien", "Byrne", "Ryan", "O'Sullivan", "Walsh", "O'Connor", "McCarthy",
            "Doherty", "Gallagher", "Quinn", "Maguire", "O'Neill", "Kavanagh", "Brennan",
        ),
    ),
    "traveller": NameBank(
        male=("Patrick", "John", "Michael", "Martin", "Johnny", "Tommy", "Francis", "Jimmy", "Paddy"),
        female=("Bridget", "Mary", "Kathleen", "Margaret", "Nora", "Winnie", "Ellen", "Roseanne"),
        family=("Ward", "McDonagh", "Joyce", "Doherty", "Connors", "Maughan", "Delaney", "Cash", "Stokes"),
    ),
    "polish": NameBank(
        male=(
            "Jakub", "Kacper", "Szymon", "Filip", "Mateusz", "Michał", "Piotr", "Tomasz", "Krzysztof",
            "Paweł", "Łukasz", "Marek", "Bartosz", "Dawid", "Wojciech", "Adam", "Oliwer", "Antoni",
        ),
        female=(
            "Zuzanna", "Julia", "Maja", "Zofia", "Hanna", "Lena", "Alicja", "Natalia", "Agnieszka",
            "Katarzyna", "Magdalena", "Anna", "Joanna", "Ewelina", "Monika", "Karolina", "Aleksandra",
            "Oliwia",
        ),
        family=(
            "Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński", "Lewandowski",
            "Zieliński", "Szymański", "Woźniak", "Dąbrowski", "Kozłowski", "Jankowski", "Mazur",
            "Kwiatkowski", "Krawczyk", "Piotrowski", "Grabowski", "Pawłowski", "Michalski", "Król",
            "Wieczorek", "Jabłoński", "Majewski",
        ),
    ),
    "romanian": NameBank(
        male=("Andrei", "Alexandru", "Ionuț", "Mihai", "Florin", "Gabriel", "Cristian", "Marius", "Ștefan", "Adrian"),
        female=("Ioana", "Maria", "Elena", "Andreea", "Alexandra", "Gabriela", "Florentina", "Bianca", "Denisa", "Roxana"),
        family=(
            "Popescu", "Ionescu", "Popa", "Dumitru", "Stan", "Stoica", "Gheorghe", "Rusu", "Munteanu",
            "Matei", "Constantin", "Lupu", "Marin", "Dinu", "Lăcătuș", "Căldăraru",
        ),
    ),
    "pakistani": NameBank(
        male=(
            "Muhammad", "Mohammed", "Ahmed", "Ali", "Hassan", "Hussain", "Usman", "Bilal", "Imran", "Zain",
            "Ibrahim", "Yusuf", "Ayaan", "Rayyan", "Zakariya", "Haroon", "Tariq", "Asif", "Shahid",
            "Kamran", "Adnan", "Faisal", "Nadeem", "Umar",
        ),
        female=(
            "Aisha", "Fatima", "Maryam", "Zara", "Hafsa", "Khadija", "Amina", "Inaya", "Zainab", "Hania",
            "Sana", "Noor", "Samina", "Nazia", "Shazia", "Rubina", "Saima", "Nabila", "Ayesha", "Mehreen",
        ),
        family=(
            "Khan", "Hussain", "Ahmed", "Ali", "Iqbal", "Mahmood", "Shah", "Rashid", "Butt", "Malik",
            "Aslam", "Hanif", "Javed", "Riaz", "Akram", "Rehman", "Nawaz", "Sadiq", "Bashir", "Younis",
        ),
        female_family=("Bibi", "Begum", "Akhtar", "Kauser", "Parveen"),
    ),
    "bangladeshi": NameBank(
        male=("Mohammed", "Abdul", "Rahim", "Shahid", "Jamal", "Rayhan", "Tanvir", "Sabbir", "Ismail", "Arif", "Mahbub", "Ayaan"),
        female=("Tasnim", "Nusrat", "Sumaiya", "Fahmida", "Rokeya", "Shirin", "Taslima", "Jannat", "Ruksana", "Afsana", "Maryam"),
        family=("Miah", "Uddin", "Rahman", "Islam", "Chowdhury", "Ahmed", "Hoque", "Ali", "Hossain", "Sarkar", "Alam"),
        female_family=("Begum", "Khatun"),
    ),
    "indian": NameBank(
        male=(
            "Harjit", "Gurpreet", "Jaspreet", "Manjit", "Amandeep", "Harvinder", "Ranjit", "Arjun", "Rohan",
            "Vikram", "Rahul", "Sanjay", "Nikhil", "Aarav", "Krish", "Dev", "Rajesh", "Jasveer",
        ),
        female=(
            "Harpreet", "Manpreet", "Simran", "Amrit", "Navneet", "Gurleen", "Kiran", "Priya", "Anjali",
            "Pooja", "Neha", "Kavita", "Asha", "Meera", "Diya", "Riya",
        ),
        family=(
            "Patel", "Sharma", "Gill", "Sandhu", "Sidhu", "Dhillon", "Bains", "Johal", "Mistry", "Parmar",
            "Chauhan", "Solanki", "Lad", "Kumar", "Virdee",
        ),
    ),
    "chinese": NameBank(
        male=("Wei", "Jun", "Hao", "Ming", "Jian", "Tao", "Kai", "Yi", "Zihan", "Haoran"),
        female=("Mei", "Xin", "Ying", "Hui", "Li", "Yan", "Jing", "Ling", "Yuxi", "Zixuan"),
        family=("Chen", "Wang", "Li", "Zhang", "Liu", "Lin", "Huang", "Wong", "Chan", "Cheung", "Lam", "Ng", "Zhou", "Wu"),
    ),
    "afghan": NameBank(
        male=("Ahmad", "Mohammad", "Hamid", "Rahim", "Karim", "Farid", "Wahid", "Jawad", "Sami", "Mustafa", "Bilal", "Idris"),
        female=("Zahra", "Mariam", "Parisa", "Nilofar", "Shabnam", "Soraya", "Fereshta", "Laila", "Madina"),
        family=("Ahmadzai", "Popal", "Karimi", "Rahimi", "Sultani", "Hakimi", "Safi", "Noori", "Amiri", "Stanikzai", "Wardak"),
    ),
    "somali": NameBank(
        male=(
            "Abdi", "Mohamed", "Ahmed", "Hassan", "Abdirahman", "Abdullahi", "Yusuf", "Mustafe", "Ismail",
            "Farah", "Omar", "Liban", "Said", "Abdikarim",
        ),
        female=(
            "Ayaan", "Hodan", "Fadumo", "Hibaaq", "Amina", "Sahra", "Ifrah", "Ubah", "Nimco", "Ladan",
            "Hawa", "Deeqa", "Safiya", "Hamdi",
        ),
        family=("Mohamed", "Ali", "Hassan", "Farah", "Abdi", "Ahmed", "Omar", "Warsame", "Jama", "Hussein", "Aden", "Osman"),
    ),
    "nigerian": NameBank(
        male=(
            "Chidi", "Emeka", "Tunde", "Oluwaseun", "Adebayo", "Chinedu", "Femi", "Ikenna", "Obinna",
            "Segun", "David", "Daniel", "Samuel", "Tobi", "Joshua",
        ),
        female=(
            "Chioma", "Ngozi", "Adaeze", "Funmilayo", "Folake", "Temitope", "Blessing", "Precious", "Grace",
            "Amara", "Ifeoma", "Esther", "Deborah", "Favour",
        ),
        family=(
            "Okafor", "Adeyemi", "Okonkwo", "Balogun", "Eze", "Nwosu", "Oladipo", "Ogunleye", "Obi",
            "Chukwu", "Adeleke", "Okoro", "Bello", "Olawale", "Afolabi",
        ),
    ),
    "eritrean": NameBank(
        male=("Yonas", "Tesfay", "Dawit", "Filmon", "Robel", "Samuel", "Habtom", "Mehari", "Kidane", "Biniam", "Yohannes"),
        female=("Semhar", "Helen", "Selam", "Luwam", "Rahel", "Saba", "Mebrat", "Feven", "Senait", "Hiwet"),
        family=("Tesfay", "Gebremariam", "Tekle", "Haile", "Berhe", "Kidane", "Woldu", "Ghebre", "Asmerom"),
    ),
    "arab": NameBank(
        male=("Mohammed", "Ahmed", "Omar", "Youssef", "Ali", "Hassan", "Khalid", "Tariq", "Hamza", "Ibrahim", "Karim", "Adam"),
        female=("Fatima", "Aisha", "Mariam", "Noor", "Layla", "Sara", "Huda", "Amal", "Rania", "Yasmin", "Salma", "Hana"),
        family=(
            "Abdullah", "Hassan", "Ibrahim", "Mahmoud", "Saleh", "Haddad", "Khalil", "Nasser", "Al-Hashimi",
            "Mansour", "Al-Sayed", "Osman", "Yousef",
        ),
    ),
    "kurdish": NameBank(
        male=("Aram", "Karwan", "Rebin", "Dilshad", "Hawre", "Shvan", "Azad", "Bakhtiar", "Sherzad", "Dana"),
        female=("Shilan", "Hana", "Nasrin", "Tara", "Rezhna", "Avin", "Bahar", "Sozan", "Zhina"),
        family=("Karim", "Rasul", "Aziz", "Omer", "Salih", "Qadir", "Hama", "Jalal", "Mahmud", "Abdulla"),
    ),
}

# Names popular for babies born in England since about 2005 (the children's generation).
MODERN_BRITISH = NameBank(
    male=(
        "Oliver", "George", "Harry", "Noah", "Jack", "Leo", "Arthur", "Oscar", "Charlie", "Jacob", "Thomas",
        "Freddie", "Alfie", "Theo", "Archie", "Joshua", "William", "James", "Henry", "Isaac", "Teddy",
        "Finley", "Tommy", "Reggie", "Ronnie", "Albie", "Max", "Lucas", "Ethan", "Riley", "Logan",
        "Mason", "Tyler", "Kai", "Jayden", "Callum", "Dylan", "Kian", "Liam", "Connor", "Bobby",
        "Frankie", "Louie", "Alexander", "Samuel", "Benjamin", "Daniel", "Lewis",
    ),
    female=(
        "Olivia", "Amelia", "Isla", "Ava", "Mia", "Ivy", "Lily", "Isabella", "Rosie", "Sophia", "Grace",
        "Freya", "Poppy", "Ella", "Evie", "Florence", "Willow", "Daisy", "Sienna", "Phoebe", "Millie",
        "Evelyn", "Harper", "Ruby", "Emily", "Chloe", "Lacey", "Macie", "Skye", "Darcie", "Layla",
        "Maisie", "Summer", "Jessica", "Erin", "Holly", "Megan", "Paige", "Courtney", "Kayla", "Lexi",
        "Leah", "Rebecca", "Katherine", "Elizabeth", "Victoria",
    ),
    family=(),
)

# fmt: on

FEMININE_ENDINGS = (("dzki", "dzka"), ("cki", "cka"), ("ski", "ska"))


@dataclass(frozen=True)
class Heritage:
    key: str
    ethnicity: str  # DfE code for people of this heritage
    bank: str  # a key of BANKS, or "british" (Faker en_GB)
    religions: Weighted
    languages: Weighted  # adults' first language
    child_english: float  # share of children whose first language is English
    interpreter: float  # share of adults with another first language who need an interpreter
    words: str  # how a child might name it: "my Polish family"
    naming: str = "western"  # "western", "gendered" (Polish -ski/-ska) or "patronymic"


# fmt: off
_NO_FAITH_MOSTLY: Weighted = (("NONE", 46), ("CHR", 40), ("NOBT", 9), ("OTH", 2), ("REFU", 2), ("JEW", 0.5))
_MUSLIM: Weighted = (("MUS", 95), ("NOBT", 5))
_ENGLISH: Weighted = (("ENG", 1),)

HERITAGES: dict[str, Heritage] = {
    h.key: h
    for h in (
        Heritage("british", "WBRI", "british", _NO_FAITH_MOSTLY, _ENGLISH, 1.0, 0.0, "English"),
        Heritage("irish", "WIRI", "irish", (("CHR", 80), ("NONE", 15), ("NOBT", 5)), _ENGLISH, 1.0, 0.0, "Irish"),
        Heritage(
            "traveller", "WIRT", "traveller", (("CHR", 90), ("NOBT", 10)), _ENGLISH, 1.0, 0.0, "Irish Traveller"
        ),
        Heritage(
            "polish", "WOTH", "polish", (("CHR", 88), ("NONE", 10), ("NOBT", 2)),
            (("POL", 95), ("ENG", 5)), 0.55, 0.3, "Polish", naming="gendered",
        ),
        Heritage(
            "romanian", "WOTH", "romanian", (("CHR", 92), ("NONE", 5), ("NOBT", 3)),
            (("ROM", 100),), 0.45, 0.45, "Romanian",
        ),
        Heritage("roma", "WROM", "romanian", (("CHR", 92), ("NOBT", 8)), (("ROM", 100),), 0.4, 0.5, "Roma"),
        Heritage(
            "pakistani", "APKN", "pakistani", _MUSLIM, (("URD", 45), ("PAN", 30), ("ENG", 25)), 0.65, 0.3, "Pakistani"
        ),
        Heritage(
            "bangladeshi", "ABAN", "bangladeshi", _MUSLIM, (("BEN", 75), ("ENG", 25)), 0.6, 0.35, "Bangladeshi"
        ),
        Heritage(
            "indian", "AIND", "indian",
            (("SIK", 40), ("HIN", 42), ("MUS", 10), ("CHR", 3), ("NOBT", 5)),
            (("PAN", 45), ("GUJ", 35), ("ENG", 20)), 0.7, 0.2, "Indian",
        ),
        Heritage(
            "chinese", "CHNE", "chinese", (("NONE", 55), ("CHR", 20), ("BUD", 15), ("NOBT", 10)),
            (("CHI", 85), ("ENG", 15)), 0.5, 0.4, "Chinese",
        ),
        Heritage("afghan", "AOTH", "afghan", _MUSLIM, (("PUS", 55), ("PER", 45)), 0.3, 0.7, "Afghan"),
        Heritage(
            "somali", "BAFR", "somali", _MUSLIM, (("SOM", 85), ("ENG", 15)), 0.5, 0.45, "Somali", naming="patronymic"
        ),
        Heritage(
            "nigerian", "BAFR", "nigerian", (("CHR", 82), ("MUS", 12), ("NOBT", 6)),
            (("ENG", 90), ("OTH", 10)), 0.95, 0.1, "Nigerian",
        ),
        Heritage(
            "eritrean", "BAFR", "eritrean", (("CHR", 75), ("MUS", 22), ("NOBT", 3)),
            (("TIG", 90), ("ARA", 10)), 0.35, 0.7, "Eritrean", naming="patronymic",
        ),
        Heritage(
            "caribbean", "BCRB", "british", (("CHR", 60), ("NONE", 30), ("NOBT", 10)), _ENGLISH, 1.0, 0.0, "Jamaican"
        ),
        Heritage(
            "black_other", "BOTH", "british", (("CHR", 55), ("NONE", 35), ("NOBT", 10)), _ENGLISH, 1.0, 0.0, "Black British"
        ),
        Heritage("arab", "OOTH", "arab", _MUSLIM, (("ARA", 100),), 0.4, 0.5, "Arab"),
        Heritage(
            "kurdish", "OOTH", "kurdish", (("MUS", 80), ("NONE", 10), ("OTH", 5), ("NOBT", 5)),
            (("KUR", 90), ("ARA", 10)), 0.4, 0.6, "Kurdish",
        ),
    )
}
# fmt: on


@dataclass(frozen=True)
class Origin:
    """A family's make-up: the mother's and father's heritage and the children's code."""

    weight: float
    mother: str
    father: str
    children_ethnicity: str | None = None  # None: the mother's heritage code
    everyone: bool = False  # the children's code applies to the adults too (REFU, NOBT)


ORIGINS: tuple[Origin, ...] = (
    Origin(80.3, "british", "british"),
    Origin(0.6, "irish", "irish"),
    Origin(0.3, "traveller", "traveller"),
    Origin(2.2, "polish", "polish"),
    Origin(0.4, "romanian", "romanian"),
    Origin(0.3, "roma", "roma"),
    Origin(4.5, "pakistani", "pakistani"),
    Origin(1.0, "bangladeshi", "bangladeshi"),
    Origin(1.3, "indian", "indian"),
    Origin(0.4, "chinese", "chinese"),
    Origin(0.4, "afghan", "afghan"),
    Origin(0.7, "somali", "somali"),
    Origin(0.8, "nigerian", "nigerian"),
    Origin(0.2, "eritrean", "eritrean"),
    Origin(0.5, "caribbean", "caribbean"),
    Origin(0.3, "black_other", "black_other"),
    Origin(0.6, "arab", "arab"),
    Origin(0.3, "kurdish", "kurdish"),
    Origin(1.6, "british", "caribbean", "MWBC"),
    Origin(0.6, "british", "nigerian", "MWBA"),
    Origin(1.2, "british", "pakistani", "MWAS"),
    Origin(0.5, "british", "arab", "MOTH"),
    Origin(0.4, "british", "chinese", "MOTH"),
    Origin(0.2, "british", "british", "REFU", everyone=True),
    Origin(0.5, "british", "british", "NOBT", everyone=True),
)

# Unaccompanied asylum-seeking children arriving in the north of England, by origin.
UASC_ORIGINS: Weighted = (("afghan", 40), ("eritrean", 25), ("arab", 15), ("kurdish", 15), ("somali", 5))


def pick_origin(rng: random.Random) -> Origin:
    return rng.choices(ORIGINS, weights=[o.weight for o in ORIGINS])[0]


class NameMaker:
    """Given and family names for a heritage, drawn from one seeded rng and Faker."""

    def __init__(self, rng: random.Random, fake: Faker) -> None:
        self.rng = rng
        self.fake = fake

    def given(self, heritage: Heritage, sex: str, *, child: bool) -> str:
        female = sex == "F" if sex in ("F", "M") else self.rng.random() < 0.5
        if heritage.bank == "british":
            if child and self.rng.random() < 0.85:
                return self.rng.choice(MODERN_BRITISH.female if female else MODERN_BRITISH.male)
            return str(self.fake.first_name_female() if female else self.fake.first_name_male())
        bank = BANKS[heritage.bank]
        if child and heritage.key == "chinese" and self.rng.random() < 0.5:
            return self.rng.choice(MODERN_BRITISH.female if female else MODERN_BRITISH.male)
        return self.rng.choice(bank.female if female else bank.male)

    def family(self, heritage: Heritage) -> str:
        """A family name in its base (masculine) form."""
        if heritage.bank == "british":
            return str(self.fake.last_name())
        return self.rng.choice(BANKS[heritage.bank].family)

    def own_family_name(self, heritage: Heritage, sex: str) -> str:
        """A woman's family name may be one used by women only (Begum, Bibi) or feminine (-ska)."""
        bank = BANKS.get(heritage.bank)
        if sex == "F" and bank and bank.female_family and self.rng.random() < 0.35:
            return self.rng.choice(bank.female_family)
        return gendered(self.family(heritage), sex, heritage)

    def middle(self, heritage: Heritage, sex: str, religion: str, *, child: bool = False) -> str:
        if religion == "SIK" and self.rng.random() < 0.7:
            return "Kaur" if sex == "F" else "Singh"
        if heritage.bank == "british" and self.rng.random() < 0.45:
            return self.given(heritage, sex, child=child)
        return ""


def gendered(family_name: str, sex: str, heritage: Heritage) -> str:
    """Polish family names take a feminine form for women and girls: Kowalski -> Kowalska."""
    if heritage.naming != "gendered" or sex != "F":
        return family_name
    for masculine, feminine in FEMININE_ENDINGS:
        if family_name.endswith(masculine):
            return family_name[: -len(masculine)] + feminine
    return family_name
