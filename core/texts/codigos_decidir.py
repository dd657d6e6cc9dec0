"""Spanish labels of the codes of proposals and cooperation offers (core/schemas/proposals.py).

Codes stay in English in the data (they are what other code and the views read); people read these
labels, through core.texts.label, in the pages and in the engine's sentences alike.
"""

from core.texts.codigos_estudio import LABELS as STUDY_LABELS

AID_KIND = STUDY_LABELS["aid_kind"]

LABELS: dict[str, dict[str, str]] = {
    # What a proposal answers (same codes as the study's `need`, worded for a project).
    "proposal_need": {
        "water_systems": "Sistemas de agua",
        "training": "Capacitación",
        "technical_support": "Asistencia técnica",
        "marketing": "Comercialización",
        "credit": "Crédito",
        "machinery_equipment": "Maquinaria y equipos",
        "inputs_seeds": "Insumos y semillas",
        "infrastructure": "Infraestructura",
        "organization": "Organización",
        "other": "Otra",
    },
    # The kind of support a proposal asks for: one concept with the `kind` of past aid (the aid criterion and the
    # Ayudas page compare them code by code), so the same labels; files that still say «Equipamiento» are read
    # (core/proposals/import_cells.py).
    "support_kind": dict(AID_KIND),
    # Thematic areas of the thesis' registration forms (18 values).
    "theme": {
        "agriculture": "Agricultura",
        "education": "Educación",
        "infrastructure": "Infraestructura",
        "emergency_aid": "Ayuda de emergencia",
        "employment": "Empleo",
        "drugs": "Lucha antidrogas",
        "science_technology": "Ciencia y tecnología",
        "environment": "Medio ambiente",
        "commerce": "Comercio",
        "gender": "Género",
        "conflict_resolution": "Resolución de conflictos",
        "culture": "Cultura",
        "governance": "Gobernabilidad",
        "health": "Salud",
        "human_rights": "Derechos humanos",
        "industry": "Industria",
        "productive_sectors": "Sectores productivos",
        "other": "Otra",
    },
    "funding_source": {
        "gad": "GAD parroquial",
        "associations": "Asociaciones",
        "cooperant": "Cooperante",
        "other": "Otros",
    },
    "benefit_scope": {"collective": "Beneficio colectivo", "individual": "Beneficio individual"},
    "localization": {"rural": "Rural", "urban": "Urbana"},
    # competences a proposal may declare that are not the parish GAD's (COOTAD art. 65): screening stops them
    "competence_outside": {"health_services": "Servicios de salud (competencia del Gobierno central)"},
    "proposal_status": {
        "draft": "Borrador",
        "submitted": "Presentada",
        "eligible": "Elegible",
        "not_eligible": "No elegible",
        "scored": "Calificada",
        "funded": "Financiada",
        "not_funded": "No financiada",
        "in_execution": "En ejecución",
        "closed": "Cerrada",
    },
    # Cooperation offers
    "modality": {
        "decentralized": "Cooperación descentralizada",
        "bilateral": "Bilateral",
        "multilateral": "Multilateral",
        "south_south": "Sur-Sur",
        "triangular": "Triangular",
        "horizontal": "Horizontal (CTPD)",
        "north_south": "Tradicional (Norte-Sur)",
        "twinning": "Hermanamiento",
        "network": "Redes",
        "national_public": "Entidad pública nacional",
    },
    "cooperation_type": {
        "financial_non_reimbursable": "Financiera no reembolsable",
        "financial_reimbursable": "Financiera reembolsable",
        "soft_loan": "Crédito blando",
        "technical_assistance": "Asistencia técnica",
        "humanitarian": "Ayuda humanitaria y de emergencia",
        "cultural": "Cooperación cultural",
        "scholarship": "Becas",
        "in_kind": "Donación en especie",
    },
    "call_type": {
        "open_call": "Convocatoria abierta",
        "technical_assistance": "Asistencia técnica",
        "financial_assistance": "Asistencia financiera",
        "contest": "Concurso",
        "direct": "Gestión directa",
    },
    "offer_status": {
        "open": "Abierta",
        "closed": "Cerrada",
        "executed": "Ejecutada",
        "not_executed": "No ejecutada",
    },
    "cooperant_kind": {
        "bilateral": "Gobierno extranjero (bilateral)",
        "multilateral": "Organismo multilateral",
        "ngo": "ONG",
        "decentralized": "Gobierno local extranjero",
        "private": "Entidad privada",
        "national_public": "Entidad pública nacional",
    },
    "eligible_applicant": {
        "parish_gad": "GAD parroquial",
        "municipal_gad": "GAD municipal",
        "provincial_gad": "GAD provincial",
        "association": "Asociación",
        "cso": "Organización de la sociedad civil",
    },
}
