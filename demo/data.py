"""The demo agency's fixed data: logins, the first clients and team, names to draw from."""

from tasks.models import TaskPriority

ADMIN_EMAIL = "admin@localbzz.test"
ADMIN_PASSWORD = "localbzz-admin"
TEAM_EMAIL = "team@localbzz.test"
TEAM_PASSWORD = "localbzz-team"
CLIENT_PASSWORD = "localbzz-client"

# name, subdomain, status, industry, contact, frequency
CLIENTS = [
    ("Acme Bakery", "acme", "Active", "Bakery", "Rosa Alvarez", "Monthly"),
    ("Bluebird Coffee Roasters", "bluebird", "Active", "Café", "Dan Whitfield", "Monthly"),
    ("Harbor Street Barbers", "harbor-barbers", "Active", "Barber", "Kofi Mensah", "Monthly"),
    ("Golden Fork Bistro", "golden-fork", "Active", "Restaurant", "Elena Rossi", "Monthly"),
    ("Riverside Yoga Studio", "riverside-yoga", "Active", "Fitness", "Hannah Lee", "Quarterly"),
    ("Maple & Main Boutique", "maple-main", "Active", "Retail", "Grace Park", "Monthly"),
    ("Summit Climbing Gym", "summit-climbing", "Active", "Fitness", "Owen Brooks", "Per Project"),
    ("Pawsome Pet Grooming", "pawsome", "Active", "Pet care", "Nina Patel", "Ad Hoc"),
    ("Lighthouse Dental", "lighthouse-dental", "Inactive", "Health", "Dr. Paul Grant", "Quarterly"),
    ("Copper Kettle Brewery", "copper-kettle", "Inactive", "Brewery", "Liam Doyle", "Monthly"),
    ("Fern & Bloom Florist", "fern-bloom", "Pitching", "Florist", "Ivy Sullivan", "Per Project"),
    ("Northside Auto Detailing", "northside-auto", "Pitching", "Automotive", "Ray Ortiz", "Ad Hoc"),
]
NAME_FIRST = [
    "Sunny", "Oak", "Cedar", "Blue", "Red", "Corner", "Village", "Urban", "Golden", "Silver",
    "Lakeside", "Hilltop", "Old Town", "Market", "Willow", "Stone", "River", "Main Street",
]  # fmt: skip
NAME_KIND = [
    ("Bakery", "Bakery"), ("Café", "Café"), ("Barbers", "Barber"), ("Bistro", "Restaurant"),
    ("Yoga", "Fitness"), ("Boutique", "Retail"), ("Florist", "Florist"), ("Dental", "Health"),
    ("Brewing Co.", "Brewery"), ("Pet Spa", "Pet care"), ("Pizzeria", "Restaurant"),
    ("Auto Care", "Automotive"), ("Bookshop", "Retail"), ("Salon", "Beauty"),
]  # fmt: skip
TEAM = [
    ("Maya Chen", ["Content Creator", "Scheduler"]),
    ("Jordan Reyes", ["Editor"]),
    ("Priya Natarajan", ["Editor", "Content Creator"]),
    ("Sam O'Connor", ["Content Creator"]),
    ("Lena Fischer", ["Scheduler"]),
    ("Marcus Bell", ["Editor"]),
    ("Aisha Karim", ["Content Creator", "Editor"]),
    ("Tom Whitaker", ["Scheduler", "Content Creator"]),
]
FIRST = ["Alex", "Robin", "Casey", "Jamie", "Morgan", "Taylor", "Riley", "Avery", "Quinn", "Drew"]
LAST = ["Nguyen", "Smith", "Garcia", "Kowalski", "Haddad", "Olsen", "Moreau", "Tanaka", "Silva"]
STREETS = ["Main St", "Harbor Rd", "Elm Ave", "Market Sq", "Mill Ln", "Bridge St", "Park Ave"]
TOPICS = [
    "Behind the scenes", "Customer testimonial", "Product close-up", "Meet the team",
    "Weekend special", "Before & after", "How it's made", "Studio tour", "Seasonal menu",
    "Staff pick", "Grand opening recap", "Day in the life", "Top 3 tips", "New arrivals",
]  # fmt: skip
PORTAL_ASKS = [
    "We have a tasting event on Saturday. Could you post a story about it?",
    "Please use the new logo from now on; it is in the shared folder.",
    "Can we move next month's shoot to a weekday morning?",
    "Our summer hours start next week: 7am to 3pm. Please mention it in a post.",
    "Customers loved the last reel. More of that style, please!",
    "We are launching a loyalty card. Could we plan content around it?",
    "Can you send the raw photos from the last shoot?",
    "Insight: Tuesday posts get twice the engagement of Friday ones for us.",
    "A local paper featured us this week; worth a carousel?",
    "Please avoid showing the back kitchen in videos.",
]
REPLIES_STAFF = [
    "Thanks! We're on it and will share a draft by Thursday.",
    "Done: it's scheduled for tomorrow at 9am.",
    "Good idea. We'll add it to the plan for the next shoot.",
]
REPLIES_CLIENT = ["Perfect, thank you!", "Great, looking forward to it.", "Could it go out sooner?"]
REJECT_REASONS = [
    "Outside our service area.",
    "Budget too small for a monthly plan; suggested our starter pack.",
    "Duplicate of an earlier enquiry.",
]
TASK_KINDS = [
    ("Prep shot list for {c}", TaskPriority.MEDIUM, 60),
    ("Edit reels from {c} shoot", TaskPriority.HIGH, 240),
    ("Schedule posts for {c}", TaskPriority.MEDIUM, 45),
    ("Colour-grade photos for {c}", TaskPriority.LOW, 120),
]
