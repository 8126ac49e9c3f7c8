import { describe, expect, it } from 'vitest';
import { guessLanguage } from './guess-language.js';

describe('guessLanguage', () => {
  it('says en for English prose, even with place names and figures', () => {
    expect(
      guessLanguage(
        'At least 12 civilians were killed in Khanabad district of Kunduz on Tuesday, the provincial police said.',
      ),
    ).toBe('en');
  });

  it('is unsure about other Latin-script languages and about too little text', () => {
    expect(
      guessLanguage('Au moins douze civils ont été tués mardi dans le district de Khanabad, selon la police.'),
    ).toBeNull();
    expect(guessLanguage('Kunduz 12')).toBeNull();
  });

  it('tells Dari/Persian, Pashto and Arabic apart by their letters', () => {
    expect(
      guessLanguage('در این حمله دست کم دوازده غیرنظامی کشته شدند و پولیس گفت که چهار کودک نیز زخمی شده‌اند.'),
    ).toBe('fa');
    expect(
      guessLanguage('په دې برید کې لږ تر لږه دولس ملکي وګړي ووژل شول او پولیسو وویل چې څلور ماشومان ټپیان شوي دي.'),
    ).toBe('ps');
    expect(
      guessLanguage('قتل ما لا يقل عن اثني عشر مدنيا في الهجوم وقالت الشرطة إن أربعة أطفال أصيبوا في المدينة.'),
    ).toBe('ar');
  });

  it('needs one word in eight to be an English stopword, a word running through apostrophes and accented letters', () => {
    // Sixteen words, two of them stopwords: one in eight.
    const sixteen =
      "The and Kabul o'clock Zaranj Herāt Balkh Kunar Paktia Logar Zabul Ghazni Wardak Parwan Bāmyān Nangarhar";
    expect(guessLanguage(sixteen)).toBe('en');
    // A seventeenth word tips it below.
    expect(guessLanguage(`${sixteen} Khost`)).toBeNull();
    // Split at its apostrophe or its accented letters, the same text would count more words than it has.
    expect(guessLanguage(sixteen.replace("o'clock", 'oclock').replace('Herāt', 'Herat'))).toBe('en');
  });
});
