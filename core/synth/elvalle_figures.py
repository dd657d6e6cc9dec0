"""The El Valle study's published figures as the exact counts the demo generator (core.synth.elvalle) reproduces.

Each constant cites the section or figure of Gómez-Ceballos et al. (2021) it comes from; the readings chosen
where the study is inconsistent are listed in core.synth.elvalle's docstring and in data/sources/elvalle/README.md.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

Counts = Sequence[tuple[Any, int]]  # (value, how many records take it)

# --- Associations (section 4: 8 associations, 91 of 122 members surveyed; 5 follow SENPLADES'
# requirements and the rest are registered with the MAG). Names and per-association sizes are invented.
ASSOCIATIONS: list[tuple[str, str, str, int, int, str]] = [
    ("EV-A01", "Asociación Agroecológica Flor del Valle", "senplades", 18, 14,
     "Hortalizas (lechuga, brócoli, remolacha) y cuyes"),
    ("EV-A02", "Asociación de Productores Agropecuarios Nueva Esperanza", "senplades", 16, 12,
     "Maíz, fréjol, papas y leche"),
    ("EV-A03", "Asociación Agroecológica Mujeres Sembradoras", "senplades", 15, 11,
     "Hortalizas, col y mermeladas de frutas"),
    ("EV-A04", "Asociación de Pequeños Productores Sumak Tarpuy", "senplades", 17, 13,
     "Papas, arveja, maíz y cebolla"),
    ("EV-A05", "Asociación Agropecuaria Unión y Progreso", "senplades", 14, 10,
     "Leche, queso y alfalfa"),
    ("EV-A06", "Asociación de Productores Orgánicos Allpa Mama", "mag", 15, 11,
     "Hortalizas orgánicas, tomate y zanahoria"),
    ("EV-A07", "Asociación Agroartesanal Manos Unidas", "mag", 13, 10,
     "Cuyes, gallinas criollas y huevos"),
    ("EV-A08", "Asociación Agropecuaria Los Andes", "mag", 14, 10,
     "Cerdos, maíz y coliflor"),
]

# --- Figure 4: who heads the household (rows) × the member's role in the family (columns).
# The printed cell (father, mother) reads 42; the margins (row 54, column 74) need 43.
HOUSEHOLD_TABLE: dict[tuple[str, str], int] = {
    # (head_of_household, member_role): members
    ("father", "father"): 10, ("father", "mother"): 43, ("father", "child"): 1,
    ("mother", "father"): 1, ("mother", "mother"): 29, ("mother", "child"): 2, ("mother", "not_indicated"): 1,
    ("child", "child"): 2,
    ("not_indicated", "mother"): 2,
}

# --- Figure 3: occupation of the household's father and mother (91 each).
FATHER_OCCUPATION_FOR_FATHER_MEMBERS: Counts = [  # the 11 members who are the father (invented split)
    ("agriculture", 7), ("construction", 2), ("trades", 1), ("driver", 1)]
FATHER_OCCUPATION_FOR_OTHERS: Counts = [  # Figure 3 totals minus the split above
    ("not_indicated", 21), ("household_chores", 1), ("agriculture", 9), ("construction", 23), ("trades", 7),
    ("employee", 4), ("driver", 4), ("retired", 4), ("professional", 2), ("mechanic", 3), ("other", 2)]
MOTHER_OCCUPATION_FOR_MOTHER_MEMBERS: Counts = [  # the 74 members who are the mother (invented split)
    ("household_chores", 50), ("agriculture", 16), ("trades", 2), ("employee", 3), ("professional", 2),
    ("other", 1)]
MOTHER_OCCUPATION_FOR_OTHERS: Counts = [
    ("not_indicated", 4), ("household_chores", 8), ("agriculture", 5)]

# Education is in Figure 3 as an unreadable bar chart: invented ("low levels of education").
FATHER_EDUCATION: Counts = [("none", 6), ("primary", 46), ("secondary", 14), ("higher", 2)]  # + 21 n/i, 2 prof.
MOTHER_EDUCATION: Counts = [("none", 11), ("primary", 57), ("secondary", 15), ("higher", 2)]  # + 4 n/i, 2 prof.

# --- Ages (section 5): 81.5% of the members are between 31 and 65 → 66 of the 81 with an age.
AGES_BLANK, AGES_MID, AGES_YOUNG, AGES_OLD = 10, 66, 6, 9

# --- Figure 6 / section 5: 55.5% poor, 40.0% middle class, 4.4% very poor → 50, 36, 4 of 90 answers.
POVERTY: Counts = [("very_poor", 4), ("poor", 50), ("middle_class", 36)]
POVERTY_BLANK = 1

FAMILY_ABROAD = 23  # section 5: "25.3% of its members reside abroad" → 23 of 91 families
PROJECT_AID = 71  # "78% of the families indicated having received help in the form of projects"
STATE_AID_WITH_PROJECT, STATE_AID_WITHOUT_PROJECT = 31, 1  # 65% had no state aid → 59 no, 32 yes
EFFECTIVENESS: Counts = [  # over the 72 who received some help: 52.8% little, 2.8% a lot, 86% medium-little
    ("a_lot", 2), ("medium", 24), ("little", 38), ("none", 8)]

# --- Figure 5 and the text about Figure 7. Weekly income; monthly expense.
INCOME_LOW: Counts = [("upto_48", 36), ("49_84", 32)]  # the two largest bands: 68 members
INCOME_HIGH: Counts = [("85_120", 12), ("121_156", 7), ("over_156", 4)]
EXPENSE_LOW: Counts = [("over_489", 64), ("327_489", 2), ("164_326", 2)]  # 64/91 = 70% low income, > USD 489
EXPENSE_HIGH: Counts = [("over_489", 18), ("327_489", 3), ("164_326", 1), ("upto_163", 1)]
SOURCE_LOW: Counts = [  # 57.4% of the low-income members live from agriculture: 39 of 68
    ("remittances", 6), ("agriculture", 39), ("wage_labor", 8), ("state_transfer", 7), ("trade", 4), ("other", 4)]
SOURCE_HIGH: Counts = [  # overall agriculture 48/91 = 53% ("most frequent source")
    ("remittances", 2), ("agriculture", 9), ("construction", 5), ("salaried_job", 4), ("trade", 3)]
INCOME_ITEMS: Counts = [  # 51% vegetables and tubers, 15% poultry and guinea pigs, 8% milk and cheese
    ("none", 12), ("vegetables_tubers", 46), ("poultry_guinea_pigs", 14), ("milk_cheese", 7),
    ("grains_legumes", 9), ("fruit_jams", 3)]
MAIN_EXPENSE: Counts = [  # food first, "Payment of Debts" second (section 6); the rest invented
    ("debt_payment", 21), ("food", 41), ("education", 10), ("farm_inputs", 8), ("health", 6), ("transport", 3),
    ("housing_services", 2)]

# --- Figure 8: four expectation clusters, 19%, 25%, 34%, 22% → 17, 23, 31, 20 of 91.
CLUSTERS: Counts = [(1, 17), (2, 23), (3, 31), (4, 20)]

FAMILY_SIZE: Counts = [(2, 6), (3, 12), (4, 20), (5, 22), (6, 15), (7, 9), (8, 5), (9, 2)]  # invented

# --- Needs (section 5): water systems 16%, training 14%, technical support 13% of mentions.
NEEDS: Counts = [
    ("water_systems", 32), ("training", 28), ("technical_support", 26), ("marketing", 22), ("credit", 20),
    ("machinery_equipment", 18), ("inputs_seeds", 18), ("infrastructure", 16), ("organization", 12),
    ("other", 8)]  # 200 mentions
NEEDS_PER_MEMBER: Counts = [(1, 10), (2, 53), (3, 28)]  # 10 + 106 + 84 = 200

# --- Section 5: the 11 problems in the order the advisory group ranked them (the tenth is printed
# without its number). 8 participants × 13 votes = 104; the counts are not published.
PARTICIPANTS, VOTES_EACH = 8, 13
PROBLEMS: list[tuple[str, str]] = [
    ("Bajos niveles de colaboración y trabajo en equipo", "Low levels of collaboration and teamwork"),
    ("Canales de comercialización insuficientes", "Insufficient marketing channels"),
    ("No se aprovecha el factor diferenciador de la agricultura orgánica en el diseño del producto",
     "Failure to take advantage of the differentiating factor of organic agriculture in product design"),
    ("Falta de registros contables", "Lack of accounting records"),
    ("Bajos niveles de producción", "Low production levels"),
    ("Conflictos sociales", "Social conflicts"),
    ("No hay planificación de la producción", "No production planning"),
    ("Falta de motivación de los socios de las asociaciones",
     "Lack of motivation on the part of the members of the associations"),
    ("Insuficiente conciencia de los consumidores sobre el consumo responsable",
     "Insufficient awareness of consumers from the perspective of responsible consumption"),
    ("Insuficiente alianza entre las asociaciones para colaborar en actividades productivas y de gestión",
     "Insufficient alliance between the associations to collaborate in productive and management activities"),
    ("Bajo número de clientes", "Low number of clients"),
]

# --- Aid (sections 5 and 6): "mainly inputs and training", "most of these aids take the form of
# training", GAD projects are "infrastructure improvements and productive inputs", non-reimbursable,
# "atomized and repetitive", "no coordination between the institutions". Records are invented.
MAG = ("MAG", "mag")
GAD = ("GAD parroquial El Valle", "gad_parroquial")
PREFECTURA = ("Prefectura del Azuay", "gad_provincial")
MUNICIPIO = ("GAD municipal de Cuenca", "gad_municipal")
NGO_RURAL = ("Fundación de desarrollo rural (ONG)", "ngo")
NGO_COOP = ("Cooperación internacional (ONG)", "ngo")
TRAINERS = [MAG, NGO_RURAL, NGO_COOP, PREFECTURA]
OTHER_AID: Counts = [("infrastructure", 6), ("technical_assistance", 4), ("equipment", 4), ("marketing", 2)]
OTHER_AID_GIVER = {"infrastructure": [GAD, PREFECTURA], "technical_assistance": [MAG, NGO_RURAL],
                   "equipment": [PREFECTURA, MUNICIPIO, GAD], "marketing": [MUNICIPIO, MAG]}
AMOUNT_RANGE = {  # USD, rounded to 10: small amounts ("atomized")
    "inputs": (250, 1500), "training": (120, 700), "infrastructure": (1800, 6500),
    "technical_assistance": (300, 1200), "equipment": (500, 2500), "marketing": (200, 900)}
AID_TEXT = {
    "inputs": ["Entrega de semillas certificadas", "Entrega de abono orgánico y bioinsumos",
               "Kit de insumos agrícolas repartido por igual entre los socios",
               "Entrega de plantas de frutales y hortalizas", "Entrega de balanceado para animales menores"],
    "training": ["Taller de buenas prácticas agrícolas", "Capacitación en asociatividad y liderazgo",
                 "Curso de manejo agroecológico de cultivos", "Taller de contabilidad básica",
                 "Capacitación en crianza de cuyes", "Taller de comercialización y ferias"],
    "infrastructure": ["Reservorio y tubería para riego parcelario", "Mejoramiento de galpón comunitario",
                       "Construcción de invernadero comunitario"],
    "technical_assistance": ["Visitas técnicas a las parcelas", "Asistencia técnica en sanidad animal"],
    "equipment": ["Entrega de bombas de fumigar y herramientas", "Equipo de ordeño y tanques de leche",
                  "Motocultor para uso compartido"],
    "marketing": ["Carpas y balanzas para la feria parroquial", "Material de difusión para la feria"],
}
