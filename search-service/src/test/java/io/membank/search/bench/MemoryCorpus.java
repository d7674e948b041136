package io.membank.search.bench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Deterministic first-person memory statements and questions for the ANN benchmark: templates ×
 * vocabularies (nothing downloaded). The same count and seed always give the same texts, so
 * embeddings cached on disk stay valid.
 */
final class MemoryCorpus {

  private MemoryCorpus() {}

  static final String[] NAMES = {
    "Anna", "Ben", "Carla", "David", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Kemal",
    "Laura", "Marco", "Nadia", "Oscar", "Priya", "Quentin", "Rosa", "Samir", "Tessa", "Umar",
    "Vera", "Wei", "Ximena", "Yusuf", "Zoe", "Liam", "Maya", "Noah", "Olivia", "Pablo", "Sofia",
    "Tom", "Leila", "Arjun", "Hannah", "Igor", "Julia", "Kofi", "Mei"
  };
  static final String[] RELATIONS = {
    "sister",
    "brother",
    "mother",
    "father",
    "wife",
    "husband",
    "partner",
    "son",
    "daughter",
    "best friend",
    "colleague",
    "boss",
    "neighbour",
    "cousin",
    "aunt",
    "uncle",
    "grandmother",
    "grandfather",
    "roommate",
    "manager",
    "mentor",
    "teammate"
  };
  static final String[] CITIES = {
    "Lisbon",
    "Oslo",
    "Kyoto",
    "Berlin",
    "Lima",
    "Quito",
    "Porto",
    "Bergen",
    "Toronto",
    "Denver",
    "Austin",
    "Seattle",
    "Boston",
    "Chicago",
    "Madrid",
    "Seville",
    "Valencia",
    "Milan",
    "Naples",
    "Vienna",
    "Prague",
    "Krakow",
    "Budapest",
    "Athens",
    "Istanbul",
    "Cairo",
    "Nairobi",
    "Cape Town",
    "Mumbai",
    "Bangalore",
    "Singapore",
    "Bangkok",
    "Hanoi",
    "Seoul",
    "Osaka",
    "Sydney",
    "Melbourne",
    "Auckland",
    "Vancouver",
    "Montreal",
    "Dublin",
    "Edinburgh",
    "Manchester",
    "Amsterdam",
    "Rotterdam",
    "Brussels",
    "Zurich",
    "Geneva",
    "Copenhagen",
    "Stockholm",
    "Helsinki",
    "Reykjavik",
    "Buenos Aires",
    "Santiago",
    "Bogota",
    "Mexico City",
    "Havana",
    "Marrakesh",
    "Tbilisi",
    "Hamburg"
  };
  static final String[] FOODS = {
    "sushi",
    "ramen",
    "pasta",
    "tacos",
    "pizza",
    "curry",
    "dumplings",
    "paella",
    "falafel",
    "hummus",
    "pho",
    "burritos",
    "lasagna",
    "risotto",
    "kimchi",
    "tofu",
    "steak",
    "oysters",
    "mushrooms",
    "olives",
    "blue cheese",
    "dark chocolate",
    "cilantro",
    "anchovies",
    "eggplant",
    "broccoli",
    "lentil soup",
    "pancakes",
    "croissants",
    "bagels",
    "goulash",
    "pierogi",
    "ceviche",
    "empanadas",
    "pad thai",
    "biryani",
    "shakshuka",
    "gnocchi",
    "fried chicken",
    "cheesecake",
    "tiramisu",
    "apple pie",
    "mango sticky rice",
    "spicy food",
    "peanut butter",
    "sourdough bread",
    "avocado toast",
    "granola",
    "porridge",
    "fish and chips"
  };
  static final String[] DRINKS = {
    "green tea", "black coffee", "espresso", "oat milk latte", "chai", "matcha", "sparkling water",
    "orange juice", "red wine", "white wine", "craft beer", "whisky", "kombucha", "hot chocolate",
    "mint tea", "cold brew", "lemonade", "iced tea", "ginger ale", "smoothies"
  };
  static final String[] PETS = {
    "dog",
    "cat",
    "parrot",
    "rabbit",
    "hamster",
    "goldfish",
    "turtle",
    "guinea pig",
    "horse",
    "ferret",
    "gecko",
    "canary",
    "labrador",
    "border collie",
    "tabby cat"
  };
  static final String[] PET_NAMES = {
    "Rex", "Bella", "Milo", "Luna", "Charlie", "Max", "Coco", "Daisy", "Oreo", "Pepper", "Simba",
    "Nala", "Biscuit", "Mochi", "Ziggy", "Pickles", "Bruno", "Toby", "Willow", "Ginger", "Shadow",
    "Peanut", "Rocky", "Olive", "Buster", "Maple", "Hazel", "Juniper", "Tofu", "Pixel"
  };
  static final String[] JOBS = {
    "software engineer",
    "nurse",
    "teacher",
    "architect",
    "accountant",
    "graphic designer",
    "data scientist",
    "pharmacist",
    "lawyer",
    "chef",
    "electrician",
    "journalist",
    "product manager",
    "physiotherapist",
    "veterinarian",
    "translator",
    "photographer",
    "civil engineer",
    "dentist",
    "marketing analyst",
    "barista",
    "pilot",
    "librarian",
    "social worker",
    "researcher",
    "UX designer",
    "sales manager",
    "paramedic",
    "carpenter",
    "financial advisor"
  };
  static final String[] COMPANIES = {
    "Acme",
    "Globex",
    "Initech",
    "Umbrella Labs",
    "Stark Industries",
    "Wayne Logistics",
    "Hooli",
    "Vandelay Imports",
    "Cyberdyne",
    "Soylent Foods",
    "Tyrell Systems",
    "Massive Dynamic",
    "Aperture Science",
    "Pied Piper",
    "Oscorp",
    "Monarch Solutions",
    "Blue Sun",
    "Gringotts Bank",
    "Nakatomi Trading",
    "Prestige Worldwide",
    "the city hospital",
    "a small startup",
    "the local school",
    "a law firm",
    "the university"
  };
  static final String[] HOBBIES = {
    "painting",
    "knitting",
    "woodworking",
    "pottery",
    "photography",
    "gardening",
    "baking",
    "bird watching",
    "rock climbing",
    "hiking",
    "surfing",
    "sailing",
    "chess",
    "board games",
    "calligraphy",
    "origami",
    "beekeeping",
    "fishing",
    "camping",
    "journaling",
    "yoga",
    "meditation",
    "salsa dancing",
    "stand-up comedy",
    "podcasting",
    "video editing",
    "3D printing",
    "astronomy",
    "bouldering",
    "kayaking",
    "trail running",
    "cross-stitch",
    "stamp collecting",
    "vinyl collecting",
    "scuba diving",
    "skateboarding",
    "archery",
    "fencing",
    "home brewing",
    "sourdough baking"
  };
  static final String[] SPORTS = {
    "tennis", "football", "basketball", "volleyball", "badminton", "squash", "golf", "cricket",
    "rugby", "table tennis", "handball", "hockey", "baseball", "swimming", "cycling", "running",
    "skiing", "snowboarding", "boxing", "judo", "karate", "padel", "ultimate frisbee", "rowing"
  };
  static final String[] INSTRUMENTS = {
    "piano",
    "guitar",
    "violin",
    "cello",
    "drums",
    "flute",
    "saxophone",
    "trumpet",
    "ukulele",
    "bass guitar",
    "harmonica",
    "clarinet",
    "accordion",
    "banjo",
    "harp"
  };
  static final String[] MUSIC = {
    "jazz",
    "classical music",
    "hip hop",
    "punk rock",
    "heavy metal",
    "reggae",
    "k-pop",
    "bossa nova",
    "techno",
    "folk music",
    "blues",
    "opera",
    "country music",
    "indie pop",
    "salsa music",
    "afrobeat",
    "lo-fi beats",
    "film soundtracks",
    "Beethoven",
    "Miles Davis",
    "Taylor Swift",
    "Radiohead",
    "Nina Simone",
    "Daft Punk",
    "Bob Marley"
  };
  static final String[] GENRES = {
    "science fiction", "fantasy novels", "crime thrillers", "poetry", "biographies",
    "history books", "graphic novels", "romance novels", "philosophy", "travel writing",
    "horror stories", "cookbooks", "self-help books", "classic literature", "manga",
    "popular science"
  };
  static final String[] LANGUAGES = {
    "Spanish",
    "French",
    "German",
    "Italian",
    "Portuguese",
    "Japanese",
    "Korean",
    "Mandarin",
    "Arabic",
    "Russian",
    "Dutch",
    "Swedish",
    "Norwegian",
    "Turkish",
    "Greek",
    "Hindi",
    "Polish",
    "Vietnamese",
    "Thai",
    "Swahili"
  };
  static final String[] ALLERGENS = {
    "peanuts",
    "shellfish",
    "cats",
    "pollen",
    "dust mites",
    "penicillin",
    "gluten",
    "lactose",
    "bee stings",
    "latex",
    "eggs",
    "soy",
    "tree nuts",
    "sesame",
    "strawberries"
  };
  static final String[] CONDITIONS = {
    "asthma", "migraines", "back pain", "insomnia", "high blood pressure", "diabetes",
    "a knee injury", "hay fever", "a broken wrist", "anxiety", "tinnitus", "eczema"
  };
  static final String[] WEEKDAYS = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"
  };
  static final String[] MONTHS = {
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December"
  };
  static final String[] TIMES = {
    "7 am", "8 am", "9 am", "10 am", "noon", "1 pm", "2 pm", "3 pm", "4 pm", "5 pm", "6 pm", "7 pm",
    "8 pm", "9 pm"
  };
  static final String[] PARTS_OF_DAY = {
    "morning", "afternoon", "evening", "weekend", "lunch break", "commute"
  };
  static final String[] CARS = {
    "Toyota Corolla",
    "Honda Civic",
    "Tesla Model 3",
    "Volkswagen Golf",
    "Ford Focus",
    "Subaru Outback",
    "Volvo XC60",
    "Mazda MX-5",
    "Fiat 500",
    "Renault Clio",
    "Nissan Leaf",
    "BMW 3 Series",
    "Kia Niro",
    "Skoda Octavia",
    "vintage Mini"
  };
  static final String[] COLORS = {
    "red", "blue", "green", "black", "white", "silver", "yellow", "orange", "purple", "grey"
  };
  static final String[] SUBJECTS = {
    "machine learning", "art history", "economics", "statistics", "marine biology",
    "psychology", "mechanical engineering", "nutrition", "music theory", "astrophysics",
    "urban planning", "linguistics", "accounting", "web development", "first aid",
    "interior design", "creative writing", "photography", "carpentry", "sign language"
  };
  static final String[] APPS = {
    "Notion",
    "Obsidian",
    "Todoist",
    "Spotify",
    "Duolingo",
    "Strava",
    "Slack",
    "Figma",
    "Trello",
    "Evernote",
    "Google Calendar",
    "Anki",
    "Headspace",
    "Kindle",
    "VS Code",
    "Excel"
  };
  static final String[] EVENTS = {
    "dentist appointment",
    "job interview",
    "team offsite",
    "yoga class",
    "doctor's appointment",
    "parent-teacher meeting",
    "haircut",
    "flight",
    "piano lesson",
    "book club",
    "performance review",
    "car service",
    "vet appointment",
    "wedding rehearsal",
    "conference talk",
    "therapy session"
  };
  static final String[] GOALS = {
    "run a marathon",
    "learn to code",
    "save for a house",
    "write a novel",
    "get fitter",
    "read fifty books this year",
    "learn to swim",
    "quit smoking",
    "change careers",
    "travel more",
    "sleep eight hours a night",
    "cook at home more often",
    "get a promotion",
    "learn to drive",
    "finish my degree",
    "drink less coffee",
    "spend more time with family"
  };
  static final String[] DISLIKES = {
    "crowded trains",
    "loud restaurants",
    "early meetings",
    "horror movies",
    "cold weather",
    "long phone calls",
    "spiders",
    "flying",
    "small talk",
    "reality TV",
    "humid summers",
    "traffic jams",
    "surprise parties",
    "waiting in queues"
  };
  static final String[] ADJ = {"favourite", "least favourite", "go-to", "usual"};

  private static final String[][] TEMPLATES = {
    {"My %s %s lives in %s.", "RELATIONS", "NAMES", "CITIES"},
    {"My %s is called %s.", "RELATIONS", "NAMES"},
    {"%s is my %s.", "NAMES", "RELATIONS"},
    {"My %s %s works as a %s.", "RELATIONS", "NAMES", "JOBS"},
    {"My %s's birthday is on %s %d.", "RELATIONS", "MONTHS", "DAY"},
    {"%s's birthday is in %s.", "NAMES", "MONTHS"},
    {"I live in %s.", "CITIES"},
    {"I grew up in %s.", "CITIES"},
    {"I moved to %s last year.", "CITIES"},
    {"I am planning a trip to %s in %s.", "CITIES", "MONTHS"},
    {"I visited %s with my %s.", "CITIES", "RELATIONS"},
    {"I would love to visit %s one day.", "CITIES"},
    {"I spent a week in %s in %s.", "CITIES", "MONTHS"},
    {"I love %s.", "FOODS"},
    {"I can't stand %s.", "FOODS"},
    {"My %s dish is %s.", "ADJ", "FOODS"},
    {"I had %s for dinner with %s.", "FOODS", "NAMES"},
    {"The best %s I ever had was in %s.", "FOODS", "CITIES"},
    {"I am trying to eat less %s.", "FOODS"},
    {"I usually drink %s in the %s.", "DRINKS", "PARTS_OF_DAY"},
    {"I stopped drinking %s.", "DRINKS"},
    {"My %s drink is %s.", "ADJ", "DRINKS"},
    {"I have a %s called %s.", "PETS", "PET_NAMES"},
    {"My %s %s is %d years old.", "PETS", "PET_NAMES", "AGE"},
    {"My %s %s has a %s appointment on %s.", "PETS", "PET_NAMES", "EVENTS", "WEEKDAYS"},
    {"I want to adopt a %s.", "PETS"},
    {"I work as a %s at %s.", "JOBS", "COMPANIES"},
    {"I used to be a %s.", "JOBS"},
    {"I started a new job at %s in %s.", "COMPANIES", "MONTHS"},
    {"My manager at %s is %s.", "COMPANIES", "NAMES"},
    {"I work from home on %ss.", "WEEKDAYS"},
    {"I am thinking about becoming a %s.", "JOBS"},
    {"I enjoy %s.", "HOBBIES"},
    {"I picked up %s during the winter.", "HOBBIES"},
    {"I go %s with %s most weekends.", "HOBBIES", "NAMES"},
    {"I took a %s class in %s.", "HOBBIES", "CITIES"},
    {"I play %s every %s.", "SPORTS", "WEEKDAYS"},
    {"I played %s at school.", "SPORTS"},
    {"I watch %s with my %s.", "SPORTS", "RELATIONS"},
    {"I am learning to play the %s.", "INSTRUMENTS"},
    {"I have played the %s since I was %d.", "INSTRUMENTS", "AGE"},
    {"I listen to %s while I work.", "MUSIC"},
    {"I saw a %s concert in %s.", "MUSIC", "CITIES"},
    {"I mostly read %s.", "GENRES"},
    {"I am reading a book about %s.", "SUBJECTS"},
    {"I speak %s fluently.", "LANGUAGES"},
    {"I am learning %s on %s.", "LANGUAGES", "APPS"},
    {"My %s speaks %s at home.", "RELATIONS", "LANGUAGES"},
    {"I am allergic to %s.", "ALLERGENS"},
    {"My %s is allergic to %s.", "RELATIONS", "ALLERGENS"},
    {"I have %s.", "CONDITIONS"},
    {"I see a doctor about my %s every %s.", "CONDITIONS", "MONTHS"},
    {"I have a %s on %s at %s.", "EVENTS", "WEEKDAYS", "TIMES"},
    {"My %s is next %s.", "EVENTS", "WEEKDAYS"},
    {"I need to reschedule my %s.", "EVENTS"},
    {"I drive a %s %s.", "COLORS", "CARS"},
    {"I sold my %s.", "CARS"},
    {"My %s drives a %s.", "RELATIONS", "CARS"},
    {"My %s colour is %s.", "ADJ", "COLORS"},
    {"I painted my bedroom %s.", "COLORS"},
    {"I studied %s at university.", "SUBJECTS"},
    {"I am taking an online course in %s.", "SUBJECTS"},
    {"My %s teaches %s.", "RELATIONS", "SUBJECTS"},
    {"I keep my notes in %s.", "APPS"},
    {"I use %s every day.", "APPS"},
    {"I want to %s.", "GOALS"},
    {"My goal for next year is to %s.", "GOALS"},
    {"My %s wants to %s.", "RELATIONS", "GOALS"},
    {"I really dislike %s.", "DISLIKES"},
    {"I get anxious about %s.", "DISLIKES"},
    {"I met %s at a %s class.", "NAMES", "HOBBIES"},
    {"I owe %s %d euros.", "NAMES", "AGE"},
    {"%s recommended %s to me.", "NAMES", "GENRES"},
    {"I go to bed around %s.", "TIMES"},
    {"I usually wake up at %s.", "TIMES"},
    {"I go to the gym on %ss at %s.", "WEEKDAYS", "TIMES"},
  };

  private static final String[][] QUESTIONS = {
    {"Where does my %s live?", "RELATIONS"},
    {"What is my %s's name?", "RELATIONS"},
    {"When is my %s's birthday?", "RELATIONS"},
    {"What does %s do for a living?", "NAMES"},
    {"Who is %s?", "NAMES"},
    {"Where did I grow up?"},
    {"Which city am I travelling to in %s?", "MONTHS"},
    {"What do I think of %s?", "FOODS"},
    {"Which food do I hate?"},
    {"What do I like to drink in the %s?", "PARTS_OF_DAY"},
    {"What is my pet's name?"},
    {"How old is my %s?", "PETS"},
    {"Where do I work?"},
    {"What was my previous job?"},
    {"What are my hobbies?"},
    {"Which sport do I play on %ss?", "WEEKDAYS"},
    {"What instrument am I learning?"},
    {"What music do I listen to at work?"},
    {"What kind of books do I read?"},
    {"Which languages do I speak?"},
    {"Am I allergic to anything?"},
    {"Is my %s allergic to anything?", "RELATIONS"},
    {"What health problems do I have?"},
    {"What appointments do I have on %s?", "WEEKDAYS"},
    {"When is my %s?", "EVENTS"},
    {"What car do I drive?"},
    {"What did I study?"},
    {"Which app do I use for notes?"},
    {"What are my goals for next year?"},
    {"What annoys me?"},
    {"How much money do I owe %s?", "NAMES"},
    {"What time do I go to sleep?"},
    {"When do I go to the gym?"},
    {"Have I ever been to %s?", "CITIES"},
    {"Did I enjoy my trip to %s?", "CITIES"},
    {"Who do I go %s with?", "HOBBIES"},
    {"What do I know about %s?", "SUBJECTS"},
    {"Does anyone in my family speak %s?", "LANGUAGES"},
    {"What is my favourite colour?"},
    {"Where can I get good %s?", "FOODS"},
  };

  /** {@code count} distinct memory statements. */
  static List<String> statements(int count, long seed) {
    return generate(TEMPLATES, count, new Random(seed));
  }

  /** {@code count} distinct questions (different random stream from the statements). */
  static List<String> questions(int count, long seed) {
    return generate(QUESTIONS, count, new Random(seed * 31 + 7));
  }

  private static List<String> generate(String[][] templates, int count, Random random) {
    Set<String> out = new LinkedHashSet<>();
    int attempts = 0;
    while (out.size() < count) {
      if (++attempts > count * 50 + 10_000) {
        throw new IllegalStateException("only " + out.size() + " distinct texts for " + count);
      }
      String[] t = templates[random.nextInt(templates.length)];
      Object[] args = new Object[t.length - 1];
      for (int i = 1; i < t.length; i++) {
        args[i - 1] =
            switch (t[i]) {
              case "DAY" -> 1 + random.nextInt(28);
              case "AGE" -> 2 + random.nextInt(60);
              default -> pick(vocabulary(t[i]), random);
            };
      }
      out.add(String.format(java.util.Locale.ROOT, t[0], args));
    }
    return new ArrayList<>(out);
  }

  private static String pick(String[] words, Random random) {
    return words[random.nextInt(words.length)];
  }

  private static String[] vocabulary(String name) {
    return switch (name) {
      case "NAMES" -> NAMES;
      case "RELATIONS" -> RELATIONS;
      case "CITIES" -> CITIES;
      case "FOODS" -> FOODS;
      case "DRINKS" -> DRINKS;
      case "PETS" -> PETS;
      case "PET_NAMES" -> PET_NAMES;
      case "JOBS" -> JOBS;
      case "COMPANIES" -> COMPANIES;
      case "HOBBIES" -> HOBBIES;
      case "SPORTS" -> SPORTS;
      case "INSTRUMENTS" -> INSTRUMENTS;
      case "MUSIC" -> MUSIC;
      case "GENRES" -> GENRES;
      case "LANGUAGES" -> LANGUAGES;
      case "ALLERGENS" -> ALLERGENS;
      case "CONDITIONS" -> CONDITIONS;
      case "WEEKDAYS" -> WEEKDAYS;
      case "MONTHS" -> MONTHS;
      case "TIMES" -> TIMES;
      case "PARTS_OF_DAY" -> PARTS_OF_DAY;
      case "CARS" -> CARS;
      case "COLORS" -> COLORS;
      case "SUBJECTS" -> SUBJECTS;
      case "APPS" -> APPS;
      case "EVENTS" -> EVENTS;
      case "GOALS" -> GOALS;
      case "DISLIKES" -> DISLIKES;
      case "ADJ" -> ADJ;
      default -> throw new IllegalArgumentException(name);
    };
  }
}
