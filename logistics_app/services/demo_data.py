"""Demo data from ../shared/DATA.md. Facts carry their source; inventions say "dato de ejemplo"."""

from __future__ import annotations

from logistics_app.models import AgencyKind, EventKind, ItemKind, ParticipantRole, Visibility

INVENTED = "Dato de ejemplo (inventado para la demostración)."
MX = "America/Mexico_City"

AGENCIES = [
    # slug, name, acronym, kind, notes
    ("amacc", "Academia Mexicana de Artes y Ciencias Cinematográficas", "AMACC", AgencyKind.ACADEMY,
     "Organiza los Premios Ariel; presidente Armando Casas (informador.mx)."),
    ("sectur-jalisco", "Secretaría de Turismo de Jalisco", "SECTUR Jalisco", AgencyKind.GOVERNMENT,
     "Secretaria Michelle Fridman; financió la edición 2025 con más de 10 millones de pesos (realidadgdl.com)."),
    ("filma-jalisco", "Filma Jalisco (Comisión de Filmaciones de Jalisco)", "Filma Jalisco", AgencyKind.FILM_COMMISSION,
     "Director Alejandro Tavares (informador.mx)."),
    ("canal-22", "Canal 22", "Canal 22", AgencyKind.PRESS,
     "Transmite la ceremonia en vivo por el 22.1 (tribuna.com.mx)."),
    ("netflix", "Netflix", "Netflix", AgencyKind.SPONSOR,
     "Pierre Vandoorne, director sénior de políticas públicas para América Latina."),
    ("ccd", "Ciudad Creativa Digital", "CCD", AgencyKind.VENUE_OPERATOR,
     "Alfredo Aceves, titular del fideicomiso CCD (Guadalajara)."),
    ("plai", "PLAi, plataforma de aprendizaje de Jalisco", "PLAi", AgencyKind.EDUCATION,
     "Carlos Bañuelos, director; más de 50 cursos gratuitos."),
    ("gobierno-cdmx", "Gobierno de la Ciudad de México", "Gobierno CDMX", AgencyKind.GOVERNMENT, ""),
    ("el-garfio", "El Garfio A.C.", "El Garfio", AgencyKind.EDUCATION,
     "Imparte el Taller de Guionismo (60 horas)."),
]

# Demo contacts are invented: example.mx addresses and 555 numbers (DATA.md).
CONTACTS = [
    ("amacc", "Coordinación de producción", "Producción de la ceremonia", "produccion@amacc.example.mx", "55 5555 0101"),
    ("sectur-jalisco", "Enlace de logística", "Traslados y hospedaje", "logistica@sectur.example.mx", "33 5555 0202"),
    ("filma-jalisco", "Oficina de prensa", "Acreditaciones", "prensa@filma.example.mx", "33 5555 0303"),
    ("canal-22", "Coordinación de transmisión", "Señal en vivo", "transmision@canal22.example.mx", "55 5555 0404"),
    ("ccd", "Operación de la sede", "Espacios y accesos", "operacion@ccd.example.mx", "33 5555 0505"),
    ("el-garfio", "Coordinación académica", "Inscripciones", "taller@elgarfio.example.mx", "55 5555 0606"),
]

PEOPLE = [
    # name, title, agency slug
    ("Karla Souza", "Conductora de la ceremonia", None),
    ("Armando Casas", "Presidente de la AMACC", "amacc"),
    ("Michelle Fridman", "Secretaria de Turismo de Jalisco", "sectur-jalisco"),
    ("Alejandro Tavares", "Director de Filma Jalisco", "filma-jalisco"),
    ("Pierre Vandoorne", "Director sénior de políticas públicas, Netflix América Latina", "netflix"),
    ("Alfredo Aceves", "Titular del fideicomiso Ciudad Creativa Digital", "ccd"),
    ("Carlos Bañuelos", "Director de PLAi", "plai"),
    ("Carlos Taibo", "Instructor, clase magistral", None),
    ("Walter Navas", "Instructor, clase magistral", None),
    ("Roberto Fiesco", "Instructor, clase magistral", None),
    ("Patricia Reyes Spíndola", "Ariel de Oro 2025", None),
    ("Jacqueline Andere", "Ariel de Oro 2025", None),
    ("Ely Guerra", "Homenaje a Amores perros", None),
    ("Julieta Venegas", "Homenaje a Amores perros", None),
]

VENUES = [
    # slug, name, address, city, state, zone, lat, lon, capacity, online, notes, spaces
    ("cic-puerto-vallarta", "Centro Internacional de Convenciones (CIC) de Puerto Vallarta", "",
     "Puerto Vallarta", "Jalisco", MX, None, None, 5000, False,
     "Hasta unas 5,000 personas; a unos 5 minutos del aeropuerto; dirección no encontrada (vallartalifestyles.com, tsnn.com).",
     [("Gran Salón Vallarta", 5000, False), ("Explanada (alfombra roja)", None, False),
      ("Sala de prensa", None, False), ("Camerinos", None, False)]),
    ("teatro-vallarta", "Teatro Vallarta", "Uruguay 184, Centro", "Puerto Vallarta", "Jalisco", MX,
     None, None, 900, False, "Unas 900 butacas; inaugurado en 2010 (puertovallartatravelshow.com).",
     [("Sala principal", 900, False)]),
    ("foro-aquiles-serdan", "Los Arcos / Foro Aquiles Serdán (Malecón)", "Malecón, frente a la Plaza de Armas",
     "Puerto Vallarta", "Jalisco", MX, 20.60889, -105.23611, None, False,
     "Anfiteatro al aire libre (wikipedia).", [("Foro al aire libre", None, True)]),
    ("aeropuerto-pvr", "Aeropuerto Internacional Lic. Gustavo Díaz Ordaz (PVR)", "", "Puerto Vallarta",
     "Jalisco", MX, None, None, None, False, "Junto al límite con Nayarit.", [("Llegadas nacionales", None, True)]),
    ("ciudad-creativa-digital", "Ciudad Creativa Digital", "", "Guadalajara", "Jalisco", MX, None, None,
     None, False, "Edificio nuevo de 11,000 m² para empresas creativas (seed 000). Espacios: " + INVENTED,
     [("Auditorio", None, False), ("Aula 1", None, False), ("Aula 2", None, False)]),
    ("plai-en-linea", "PLAi (en línea)", "", "", "", MX, None, None, None, True,
     "Plataforma gratuita de aprendizaje del estado de Jalisco.", []),
    ("sede-taller-guionismo-cdmx", "Sede del Taller de Guionismo (por confirmar)", "", "Ciudad de México",
     "Ciudad de México", MX, None, None, 60, False, "Sede no publicada; " + INVENTED, [("Aula", 60, False)]),
]

EVENTS = [
    # slug, name, kind, start, end, city, state, main venue, description, notes
    ("ariel-2025", "67 Premios Ariel", EventKind.AWARDS_CEREMONY, "2025-09-19", "2025-09-21",
     "Puerto Vallarta", "Jalisco", "cic-puerto-vallarta",
     "La 67 entrega de los Premios Ariel de la AMACC, por primera vez en Puerto Vallarta y por segunda vez "
     "en Jalisco. Conduce Karla Souza; en vivo por Canal 22.",
     "Hechos: DATA.md (informador.mx, notisistema.com, tribuna.com.mx). 42 producciones nominadas en 24 "
     "categorías según la prensa; el conjunto de datos de Rumbo al Ariel registra 25 categorías y 48 títulos."),
    ("jalisco-lab-2025", "Lanzamiento de Jalisco Lab", EventKind.LAUNCH, "2025-10-11", "2025-10-18",
     "Guadalajara", "Jalisco", "ciudad-creativa-digital",
     "Programa de formación audiovisual de Netflix y Filma Jalisco con Ciudad Creativa Digital, PLAi y la "
     "Secretaría de Turismo de Jalisco.",
     "Se lanzó un sábado de 2025 (seeds 000, 001); la fecha exacta no se publicó. Fechas: " + INVENTED),
    ("taller-guionismo-cdmx-2025", "Taller de Guionismo CDMX", EventKind.TRAINING_PROGRAMME, "2025-09-09",
     "2025-12-11", "Ciudad de México", "Ciudad de México", "sede-taller-guionismo-cdmx",
     "Taller gratuito de 60 horas del Gobierno de la Ciudad de México y Netflix, impartido por El Garfio A.C.; "
     "60 lugares para residentes de la CDMX mayores de 18 años.",
     "Convocatoria publicada el 9 de septiembre de 2025, cierre 27 de septiembre a las 23:59 (seed 003). "
     "Calendario de sesiones: " + INVENTED),
]

# Ariel week: (day, start, end, title, kind, venue, space, visibility, lead, supporting, people, notes)
ARIEL_ITEMS = [
    ("2025-09-19", "11:00", "12:30", "Conferencia de prensa «Muestra FILMA 2025»", ItemKind.PRESS_CONFERENCE,
     "teatro-vallarta", "Sala principal", Visibility.PUBLIC, "filma-jalisco", ["sectur-jalisco"],
     [("Alejandro Tavares", ParticipantRole.SPEAKER)],
     "Hecho: conferencia de Filma Jalisco en Puerto Vallarta en la víspera. Hora y sede: " + INVENTED),
    ("2025-09-20", "08:00", "13:00", "Montaje de escenario e iluminación", ItemKind.SETUP,
     "cic-puerto-vallarta", "Gran Salón Vallarta", Visibility.INTERNAL, "amacc", [], [], INVENTED),
    ("2025-09-20", "09:00", "14:00", "Llegada de nominados y traslado al hotel", ItemKind.TRANSPORT,
     "aeropuerto-pvr", "Llegadas nacionales", Visibility.AGENCIES, "sectur-jalisco", ["amacc"], [], INVENTED),
    ("2025-09-20", "13:00", "15:30", "Ensayo general", ItemKind.REHEARSAL, "cic-puerto-vallarta",
     "Gran Salón Vallarta", Visibility.AGENCIES, "amacc", ["canal-22"],
     [("Karla Souza", ParticipantRole.HOST), ("Ely Guerra", ParticipantRole.PERFORMER),
      ("Julieta Venegas", ParticipantRole.PERFORMER)], INVENTED),
    ("2025-09-20", "15:00", "15:45", "Traslado hotel – CIC", ItemKind.TRANSPORT, "cic-puerto-vallarta", None,
     Visibility.AGENCIES, "sectur-jalisco", [], [], INVENTED),
    ("2025-09-20", "16:00", "19:30", "Alfombra roja", ItemKind.RED_CARPET, "cic-puerto-vallarta",
     "Explanada (alfombra roja)", Visibility.PUBLIC, "amacc", ["filma-jalisco", "canal-22"],
     [("Karla Souza", ParticipantRole.HOST)], "Hecho: alfombra roja desde las 16:00 (tribuna.com.mx). Fin: " + INVENTED),
    ("2025-09-20", "17:00", "18:30", "Atención a medios acreditados", ItemKind.PRESS_CONFERENCE,
     "cic-puerto-vallarta", "Sala de prensa", Visibility.AGENCIES, "filma-jalisco", ["amacc"],
     [("Armando Casas", ParticipantRole.SPEAKER), ("Michelle Fridman", ParticipantRole.SPEAKER)], INVENTED),
    ("2025-09-20", "20:00", "23:00", "Ceremonia de los 67 Premios Ariel", ItemKind.CEREMONY,
     "cic-puerto-vallarta", "Gran Salón Vallarta", Visibility.PUBLIC, "amacc",
     ["sectur-jalisco", "filma-jalisco", "canal-22"],
     [("Karla Souza", ParticipantRole.HOST), ("Armando Casas", ParticipantRole.OFFICIAL),
      ("Patricia Reyes Spíndola", ParticipantRole.GUEST), ("Jacqueline Andere", ParticipantRole.GUEST),
      ("Ely Guerra", ParticipantRole.PERFORMER), ("Julieta Venegas", ParticipantRole.PERFORMER)],
     "Hecho: 20:00 hora local (2025-09-21T02:00Z), conduce Karla Souza; Ariel de Oro a Patricia Reyes "
     "Spíndola y Jacqueline Andere (tribuna.com.mx, razon.com.mx). Hora de fin: " + INVENTED),
    ("2025-09-20", "20:00", "23:00", "Transmisión en vivo por Canal 22 (22.1)", ItemKind.BROADCAST, None, None,
     Visibility.PUBLIC, "canal-22", ["amacc"], [], "Hecho: en vivo por el 22.1 a las 20:00 (elfronterizo.com.mx)."),
    ("2025-09-20", "23:30", "02:00", "Recepción para nominados e invitados", ItemKind.RECEPTION,
     "cic-puerto-vallarta", "Camerinos", Visibility.AGENCIES, "sectur-jalisco", ["amacc"], [],
     "Unos 800 invitados (vallartatoday.com). Horario y espacio: " + INVENTED),
    ("2025-09-21", "10:00", "13:00", "Recorrido por locaciones de «La noche de la iguana»", ItemKind.TOUR,
     "foro-aquiles-serdan", "Foro al aire libre", Visibility.PUBLIC, "filma-jalisco", ["sectur-jalisco"], [],
     "Hecho: hubo recorridos por locaciones (24horaspuebla.com). Horario: " + INVENTED),
    ("2025-09-21", "21:30", "23:30", "Retransmisión de la ceremonia por Canal 22.2", ItemKind.BROADCAST, None,
     None, Visibility.PUBLIC, "canal-22", [], [], "Hecho: repetición el domingo 21 a las 21:30 por el 22.2. Duración: " + INVENTED),
]

JALISCO_LAB_ITEMS = [
    ("2025-10-11", "10:00", "11:30", "Ceremonia de lanzamiento de Jalisco Lab", ItemKind.CEREMONY,
     "ciudad-creativa-digital", "Auditorio", Visibility.PUBLIC, "filma-jalisco", ["netflix", "ccd", "plai", "sectur-jalisco"],
     [("Alejandro Tavares", ParticipantRole.SPEAKER), ("Pierre Vandoorne", ParticipantRole.SPEAKER),
      ("Alfredo Aceves", ParticipantRole.SPEAKER), ("Carlos Bañuelos", ParticipantRole.SPEAKER)],
     "Hecho: lanzamiento formal un sábado (seeds 000, 001). Fecha y hora: " + INVENTED),
    ("2025-10-11", "12:00", "14:00", "Clase magistral «Fundamentos de producción»", ItemKind.MASTERCLASS,
     "ciudad-creativa-digital", "Auditorio", Visibility.PUBLIC, "filma-jalisco", ["netflix"],
     [("Carlos Taibo", ParticipantRole.INSTRUCTOR), ("Walter Navas", ParticipantRole.INSTRUCTOR),
      ("Roberto Fiesco", ParticipantRole.INSTRUCTOR)], "Hecho: primera clase magistral. Horario: " + INVENTED),
    ("2025-10-13", "10:00", "14:00", "Taller de adaptación cinematográfica para escritoras", ItemKind.WORKSHOP,
     "ciudad-creativa-digital", "Aula 1", Visibility.PUBLIC, "netflix", ["filma-jalisco"], [],
     "Hecho: para escritoras con proyectos avanzados que tengan los derechos de la obra. Horario: " + INVENTED),
    ("2025-10-14", "10:00", "14:00", "Taller de coordinación de producción", ItemKind.WORKSHOP,
     "ciudad-creativa-digital", "Aula 2", Visibility.PUBLIC, "filma-jalisco", ["netflix"], [], INVENTED),
    ("2025-10-15", "09:00", "18:00", "Capacitación de técnicos: eléctricos, tramoyistas y técnicos de producción",
     ItemKind.WORKSHOP, "ciudad-creativa-digital", "Aula 1", Visibility.PUBLIC, "filma-jalisco", ["netflix", "ccd"], [],
     "Hecho: Jalisco carece de personal técnico suficiente para varias producciones a la vez. Horario: " + INVENTED),
    ("2025-10-16", "17:00", "19:00", "Cursos de producción en línea (inicio)", ItemKind.WORKSHOP, "plai-en-linea",
     None, Visibility.PUBLIC, "plai", ["filma-jalisco"], [], INVENTED),
]

# Category order of the ceremony, in the dataset's spelling (DATA.md lists them this way).
ARIEL_CATEGORY_ORDER = [
    "Mejor Película", "Mejor Dirección", "Mejor Actor", "Mejor Actriz", "Mejor Coactuación Femenina",
    "Mejor Coactuación Masculina", "Mejor Revelación Actoral", "Mejor Guion Original", "Mejor Guion Adaptado",
    "Mejor Fotografía", "Mejor Edición", "Mejor Sonido", "Mejor Música Original", "Mejor Diseño de Arte",
    "Mejor Vestuario", "Mejor Maquillaje", "Mejores Efectos Especiales", "Mejores Efectos Visuales",
    "Mejor Ópera Prima", "Mejor Largometraje Documental", "Mejor Película de Animación",
    "Mejor Película Iberoamericana", "Mejor Cortometraje Documental", "Mejor Cortometraje de Ficción",
    "Mejor Cortometraje de Animación",
]

# Nominated people named in the press (DATA.md), by category and film.
ARIEL_NOMINEES: dict[str, dict[str, str]] = {
    "Mejor Dirección": {
        "La cocina": "Alonso Ruizpalacios", "Sujo": "Astrid Rondero y Fernanda Valadez",
        "No nos moverán": "Pierre Saint Martin", "Pedro Páramo": "Rodrigo Prieto", "Corina": "Urzula Barba Hopfner",
    },
    "Mejor Actor": {
        "Un actor malo": "Alfonso Dosal", "Sujo": "Juan Jesús Varela", "Vergüenza": "Juan Ramón López",
        "Pedro Páramo": "Manuel García Rulfo", "La cocina": "Raúl Briones",
    },
    "Mejor Actriz": {
        "Arillo de hombre muerto": "Adriana Paz", "Un actor malo": "Fiona Palomo",
        "No nos moverán": "Luisa Huertas", "Corina": "Naian González Norvind", "La cocina": "Rooney Mara",
    },
    "Mejor Coactuación Femenina": {
        "No nos moverán": "Agustina Quinci", "Corina": "Carolina Politi y Laura de Ita",
        "Pedro Páramo": "Giovanna Zacarías y Mayra Batalla", "Sujo": "Yadira Pérez Esteban",
    },
    "Mejor Coactuación Masculina": {
        "Sujo": "Alexis Varela", "Pedro Páramo": "Héctor Kotsifakis", "Arillo de hombre muerto": "Noé Hernández",
        "La cocina": "Eduardo Olmos", "No nos moverán": "Juan Carlos Colombo",
    },
    "Mejor Revelación Actoral": {
        "No nos moverán": "José Alberto Patiño", "La arriera": "Ale Cosío", "Fiesta en la madriguera": "Miguel Valverde",
    },
}

TALLER_SESSIONS = 20  # 20 sessions of 3 hours make the 60 hours of the workshop
