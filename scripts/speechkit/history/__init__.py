"""What changed and when, read from git: the log and file texts (gitlog), each change said in one line
of Chinese through the same parser as the site (changes), and the cached record of it all (history).
"""
from .changes import short, summarise_data, value_text
from .gitlog import GitUnavailable, Repository
from .history import CACHE_FILE, Change, History, load_history, load_settings
