/* SQLite as the system has it (Debian's libsqlite3-dev), for the SQLite binding. */
#include <sqlite3.h>
